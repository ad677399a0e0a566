"""score/numbers.py: exact numbers inside, half-up rounding and Indonesian notation only when shown.

Every expected value below is worked out by hand in the comment beside it.
"""

from decimal import Decimal
from fractions import Fraction

from kinerja.score.numbers import as_number, exact, indonesian, rounded


def test_exact_reads_the_number_as_written():
    # 0.1 as written is 1/10 (the float itself is 3602879701896397/36028797018963968)
    assert exact(0.1) == Fraction(1, 10)
    assert exact(6.5) == Fraction(13, 2)
    assert exact(7) == Fraction(7) and isinstance(exact(7), Fraction)
    third = Fraction(1, 3)
    assert exact(third) is third
    # YAML booleans are ints in Python: true counts as 1, never as the text "True"
    assert exact(True) == 1


def test_rounding_is_half_up_not_half_even():
    # 0.125 -> 0.13 (half even would give 0.12); 2.5 -> 3 (half even: 2)
    assert rounded(Fraction(1, 8), 2) == Decimal("0.13")
    assert rounded(Fraction(5, 2), 0) == Decimal("3")
    # 2/3 = 0.666... -> 0.7; 1/3 = 0.333... -> 0.3
    assert rounded(Fraction(2, 3), 1) == Decimal("0.7")
    assert rounded(Fraction(1, 3), 1) == Decimal("0.3")


def test_json_numbers_are_ints_when_whole():
    assert as_number(None, 1) is None
    whole = as_number(Fraction(100), 1)
    assert whole == 100 and type(whole) is int
    # 1071/10 = 107.1
    tenth = as_number(Fraction(1071, 10), 1)
    assert tenth == 107.1 and type(tenth) is float
    # 2/3 -> 0.7 (a fraction above its nearest whole number's half is still not whole)
    above = as_number(Fraction(2, 3), 1)
    assert above == 0.7 and type(above) is float
    # 99.9995 rounds (to one place) to 100.0, which is whole: 100
    up = as_number(Fraction(199999, 2000), 1)
    assert up == 100 and type(up) is int


def test_indonesian_notation_has_comma_decimals_and_dot_thousands():
    # 10711/100 = 107.11 -> one place: 107,1
    assert indonesian(Fraction(10711, 100), 1, "%") == "107,1%"
    # 1234567/2 = 617283.5 -> 617.283,5
    assert indonesian(Fraction(1234567, 2), 1) == "617.283,5"
    assert indonesian(Fraction(5), 0) == "5"
    assert indonesian(Fraction(1, 8), 2, " hari") == "0,13 hari"
    assert indonesian(None, 1, "%") == "–"
