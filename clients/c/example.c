/* convd-c-example: a connector's round trip. Records a delivery and two invoices of a WonClient
 * conversion (1000.00 and 250.00 EUR, summed), each with its CRM record's transaction ID and an
 * idempotency key, prints the outcomes, then reads the second invoice's event back from an
 * Events/Watch stream started after the first one's.
 * Usage: convd-c-example [SOCKET]   (default: as convctl finds it, e.g. $CONVD_SOCKET) */
#include <stdio.h>
#include "convd_client.h"
#include "convd/v1/deliveries.pb-c.h"
#include "convd/v1/events.pb-c.h"
#include "convd/v1/feedback.pb-c.h"
#include "convd/v1/recipients.pb-c.h"
#include "convd/v1/sources.pb-c.h"

static int check(convd_code code, convd_status *st, const char *what) {
    if (code == CONVD_OK || code == CONVD_ALREADY_EXISTS) return 0;
    fprintf(stderr, "%s: %s: %s\n", what, convd_code_name(code), st->message ? st->message : "");
    return 1;
}

/* Reports one invoice (minor units of EUR) for the delivery, keyed by the CRM record's ID so a
 * retry is answered with its first answer; prints the outcome and sets *seq to its event's seq. */
static int invoice(convd_client *client, const char *event_id, const char *record_id, int64_t minor, uint64_t *seq,
                   convd_status *st) {
    Convd__V1__Money amount = CONVD__V1__MONEY__INIT;
    amount.amount_minor = minor;
    amount.currency = "EUR";
    Convd__V1__FeedbackReport fb = CONVD__V1__FEEDBACK_REPORT__INIT;
    fb.target_case = CONVD__V1__FEEDBACK_REPORT__TARGET_EVENT_ID;
    fb.event_id = (char *)event_id;
    fb.kind = CONVD__V1__FEEDBACK_KIND__FEEDBACK_KIND_CONVERSION;
    fb.conversion_type = "WonClient";
    fb.amount = &amount;
    fb.transaction_id = (char *)record_id;  /* the same record twice is counted once */
    Convd__V1__RecordFeedbackRequest req = CONVD__V1__RECORD_FEEDBACK_REQUEST__INIT;
    req.feedback = &fb;
    char key[96];
    snprintf(key, sizeof key, "crm:%s:%s", record_id, event_id);
    convd_call_options opts = {.timeout_ms = 5000, .idempotency_key = key};  /* a retry gets the first answer */
    ProtobufCMessage *reply = NULL;
    if (check(convd_call(client, "/convd.v1.Feedback/Record", &req.base, &convd__v1__record_feedback_response__descriptor,
                         &reply, &opts, st), st, "record conversion")) return 1;
    Convd__V1__FeedbackResult *r = ((Convd__V1__RecordFeedbackResponse *)reply)->result;
    const ProtobufCEnumValue *outcome = protobuf_c_enum_descriptor_get_value(&convd__v1__outcome__descriptor, r->outcome);
    printf("%s: outcome %s, conversion %s, amount %lld %s\n", record_id, outcome ? outcome->name : "?",
           r->conversion->id, (long long)r->conversion->amount->amount_minor, r->conversion->amount->currency);
    *seq = r->event_seq;
    protobuf_c_message_free_unpacked(reply, NULL);
    return 0;
}

int main(int argc, char **argv) {
    convd_client *client;
    convd_status st = {0};
    if (check(convd_connect(argc > 1 ? argv[1] : NULL, 1000, &client, &st), &st, "connect")) return 1;
    ProtobufCMessage *reply = NULL;
    int failed = 0;

    /* A recipient and a source (Put replaces; running the example twice is fine). */
    Convd__V1__Recipient recipient = CONVD__V1__RECIPIENT__INIT;
    recipient.id = "crm-example";
    Convd__V1__PutRecipientRequest put_r = CONVD__V1__PUT_RECIPIENT_REQUEST__INIT;
    put_r.recipient = &recipient;
    failed |= check(convd_call(client, "/convd.v1.Recipients/Put", &put_r.base, &convd__v1__put_recipient_response__descriptor,
                               &reply, NULL, &st), &st, "put recipient");
    if (reply) protobuf_c_message_free_unpacked(reply, NULL);
    Convd__V1__Source source = CONVD__V1__SOURCE__INIT;
    source.id = "vendor-example";
    Convd__V1__PutSourceRequest put_s = CONVD__V1__PUT_SOURCE_REQUEST__INIT;
    put_s.source = &source;
    failed |= check(convd_call(client, "/convd.v1.Sources/Put", &put_s.base, &convd__v1__put_source_response__descriptor,
                               &reply, NULL, &st), &st, "put source");
    if (reply) protobuf_c_message_free_unpacked(reply, NULL);

    /* The delivery: convd generates its event ID. */
    Convd__V1__Delivery delivery = CONVD__V1__DELIVERY__INIT;
    delivery.recipient_id = "crm-example";
    delivery.source_id = "vendor-example";
    Convd__V1__RecordDeliveryRequest rec = CONVD__V1__RECORD_DELIVERY_REQUEST__INIT;
    rec.delivery = &delivery;
    if (check(convd_call(client, "/convd.v1.Deliveries/Record", &rec.base, &convd__v1__record_delivery_response__descriptor,
                         &reply, NULL, &st), &st, "record delivery")) { convd_close(client); return 1; }
    Convd__V1__RecordDeliveryResponse *recorded = (Convd__V1__RecordDeliveryResponse *)reply;
    printf("delivery %s\n", recorded->delivery->event_id);

    /* Two invoices of the CRM's opportunity records: INCREMENT sums them into one conversion. */
    uint64_t first = 0, second = 0;
    failed |= invoice(client, recorded->delivery->event_id, "opp-1", 100000, &first, &st);
    failed |= invoice(client, recorded->delivery->event_id, "opp-2", 25000, &second, &st);

    /* The second invoice, read back from a stream of this recipient's events after the first one's.
     * A watch starts after a given seq (0 would mean "from whenever the server gets the request",
     * which another connection's write can race). */
    Convd__V1__EventFilter filter = CONVD__V1__EVENT_FILTER__INIT;
    filter.recipient_id = "crm-example";
    Convd__V1__WatchEventsRequest watch_req = CONVD__V1__WATCH_EVENTS_REQUEST__INIT;
    watch_req.filter = &filter;
    watch_req.after_seq = first;
    convd_stream *watch = NULL;
    if (!failed && !check(convd_stream_open(client, "/convd.v1.Events/Watch", &watch_req.base,
                                            &convd__v1__watch_events_response__descriptor, &watch, &st), &st, "watch")) {
        ProtobufCMessage *part = NULL;
        if (!check(convd_stream_next(watch, 5000, &part, &st), &st, "next event") && part) {
            Convd__V1__FeedbackEvent *event = ((Convd__V1__WatchEventsResponse *)part)->event;
            const ProtobufCEnumValue *outcome = protobuf_c_enum_descriptor_get_value(&convd__v1__outcome__descriptor, event->outcome);
            printf("watched event %s for conversion %s\n", outcome ? outcome->name : "?", event->conversion_id);
            failed |= event->seq != second;
            protobuf_c_message_free_unpacked(part, NULL);
        } else {
            failed = 1;
        }
        convd_stream_close(watch);  /* cancels the endless watch on the server */
    }
    protobuf_c_message_free_unpacked(reply, NULL);
    convd_status_clear(&st);
    convd_close(client);
    return failed;
}
