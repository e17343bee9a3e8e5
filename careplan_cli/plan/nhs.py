"""NHS numbers: the Modulus 11 check digit."""

from __future__ import annotations


def nhs_number_is_valid(text: str) -> bool:
    """True when ``text`` is 10 digits (spaces allowed) whose last is the Modulus 11 check digit.

    Digits 1-9 are weighted 10 down to 2 and summed; the check digit is 11 - (sum mod 11),
    where 11 means 0 and 10 means the number cannot be valid.
    """
    digits = text.replace(" ", "")
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])
