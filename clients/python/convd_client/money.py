"""Exact conversion between decimal amounts and convd's integer minor units, by ISO 4217 exponent.

The table is convd's own (``ConvdCore/Entities/ISO4217.swift``): the active currencies of list one.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Dict, Union

_TWO = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC "
    "CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD "
    "KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO "
    "NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL "
    "THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG"
)
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_FOUR = "CLF UYW"

#: Currency code to the number of digits after its decimal point.
EXPONENTS: Dict[str, int] = {
    **{c: 2 for c in _TWO.split()}, **{c: 0 for c in _ZERO.split()},
    **{c: 3 for c in _THREE.split()}, **{c: 4 for c in _FOUR.split()},
}

#: What an amount may be given as: a Decimal, a decimal string ("12.50"), or an int of whole units.
Amount = Union[Decimal, str, int]


def exponent(currency: str) -> int:
    """The digits after the decimal point of ``currency``; ValueError for a code convd refuses."""
    try:
        return EXPONENTS[currency]
    except KeyError:
        raise ValueError(f"'{currency}' is not an active ISO 4217 currency") from None


def to_minor(amount: Amount, currency: str) -> int:
    """``amount`` in minor units of ``currency``, exactly: ``to_minor(Decimal("12.50"), "EUR") == 1250``.

    Raises ValueError for more decimals than the currency has (no rounding: money is never guessed),
    for a float (binary floats cannot hold most decimal amounts), or for text that is not a number.
    """
    if isinstance(amount, float):
        raise ValueError("pass money as Decimal or str, not float: 0.1 + 0.2 != 0.3")
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation:
        raise ValueError(f"'{amount}' is not a decimal amount") from None
    if not value.is_finite():
        raise ValueError(f"'{amount}' is not a finite amount")
    scaled = value.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than {exponent(currency)} decimals for {currency}")
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    """Minor units of ``currency`` as a Decimal with the currency's decimals: 1250 EUR is Decimal('12.50')."""
    digits = exponent(currency)
    return Decimal(minor).scaleb(-digits).quantize(Decimal(1).scaleb(-digits))
