from chalicelib.domain import signin


def test_codes_are_six_digits():
    codes = {signin.new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 150


def test_code_digest_depends_on_address_code_and_pepper():
    d = signin.code_digest(b"p", "a@example.org", "123456")
    assert signin.codes_match(d, b"p", "a@example.org", "123456")
    assert not signin.codes_match(d, b"p", "a@example.org", "123457")
    assert not signin.codes_match(d, b"p", "b@example.org", "123456")
    assert not signin.codes_match(d, b"q", "a@example.org", "123456")
    assert "123456" not in d


def test_the_address_key_hides_the_address():
    key = signin.address_key(b"pepper", "a@example.org")
    assert "example" not in key and len(key) == 32


def test_refresh_tokens_round_trip_and_reject_garbage():
    token = signin.RefreshToken.issue("m1", "s1")
    assert signin.RefreshToken.parse(str(token)) == token
    assert signin.RefreshToken.parse("only.two") is None
    assert signin.RefreshToken.parse("a..c") is None
    assert token.secret not in token.digest


def test_rate_windows_are_fixed_slots():
    assert signin.rate_window(0) == signin.rate_window(signin.RATE_WINDOW_SECONDS - 1)
    assert signin.rate_window(signin.RATE_WINDOW_SECONDS) == signin.RATE_WINDOW_SECONDS
