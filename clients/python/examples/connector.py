"""A CRM connector in forty lines: it reports what happened to delivered leads, exactly once,
however often it runs. Run it beside convd: ``CONVD_SOCKET=/path/to/convd.sock python3 examples/connector.py``.
"""
from decimal import Decimal
from typing import List, Tuple

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2

# What the CRM says happened: (lead's event ID, CRM record ID, outcome, amount).
CRM_UPDATES: List[Tuple[str, str, str, Decimal]] = [
    ("lead-1001", "opp-1", "WonClient", Decimal("1200.00")),
    ("lead-1001", "opp-2", "WonClient", Decimal("300.50")),   # a second invoice: summed
    ("lead-1002", "opp-3", "FakeLead", Decimal("0")),         # flagged, never counted as a sale
]


def main() -> None:
    with cc.Client(timeout=5.0) as convd:  # socket from CONVD_SOCKET / CONVD_DATA_DIR, like convctl
        convd.put_recipient(recipients_pb2.Recipient(id="crm-main", name="Main CRM"))
        convd.put_source(sources_pb2.Source(id="vendor-a", name="Vendor A"))
        for event_id in ("lead-1001", "lead-1002"):
            try:
                convd.record_delivery(event_id=event_id, recipient="crm-main", source="vendor-a")
            except cc.AlreadyExistsError:
                pass  # recorded by an earlier run

        for event_id, record_id, outcome, amount in CRM_UPDATES:
            try:
                result = convd.record_conversion(
                    event_id=event_id, type=outcome, amount=amount or None, currency="EUR" if amount else "",
                    transaction_id=record_id,          # the same CRM record twice is counted once
                    idempotency_key=f"crm:{record_id}")  # a retried call gets its first answer
            except cc.NotFoundError:
                print(f"{event_id}: no such lead (not delivered through convd)")
                continue
            print(f"{event_id} {outcome}: {cc.Outcome(result.outcome).name}")

        [row] = convd.stats(recipient="crm-main")
        revenue = ", ".join(f"{cc.from_minor(m.amount_minor, m.currency)} {m.currency}" for m in row.approved_value)
        print(f"{row.deliveries} leads, {row.conversions} converted, {row.flagged} flagged, revenue {revenue}")


if __name__ == "__main__":
    main()
