"""A small login flow with argon2-ft: register, log in, rehash on login.

Run it with ``python docs/login_example.py``. The "database" is a dict; in a
real application it is a table with one encoded hash per user.
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# The parameters the application hashes with today. Raise them over the years;
# old hashes are upgraded one by one as their users log in.
ph = PasswordHasher()

# username -> encoded hash
users: dict[str, str] = {}


def register(username: str, password: str) -> None:
    users[username] = ph.hash(password)


def login(username: str, password: str) -> bool:
    """True when *password* is right; upgrades the stored hash if it is stale."""
    stored = users.get(username)
    if stored is None:
        # Spend what a wrong password for a known user costs (one hash per
        # secret the hasher accepts), so that the response time does not tell
        # which usernames exist.
        try:
            ph.dummy_verify(password)
        except VerifyMismatchError:
            return False
    try:
        ph.verify(stored, password)
    except VerifyMismatchError:
        return False
    except (VerificationError, InvalidHashError):
        # A corrupt or foreign value in the database: refuse, and look into it.
        return False

    # The password is at hand only now: if the hash was made with other
    # parameters than today's, replace it.
    if ph.check_needs_rehash(stored):
        users[username] = ph.hash(password)
    return True


def expect(condition: bool, what: str) -> None:
    if not condition:
        msg = f"unexpected: {what}"
        raise SystemExit(msg)


def main() -> None:
    register("alice", "correct horse battery staple")
    expect(login("alice", "correct horse battery staple"), "alice is refused")
    expect(not login("alice", "Tr0ub4dor&3"), "a wrong password is accepted")
    expect(not login("mallory", "anything"), "an unknown user is accepted")

    # A hash from the past, made with weaker parameters (here: the cheapest
    # possible, which no real system should use).
    old_ph = PasswordHasher.from_parameters(profiles.CHEAPEST)
    users["bob"] = old_ph.hash("hunter2")
    print("bob before:", users["bob"].split("$")[3])

    # Verifies the old hash, then replaces it with one made with today's
    # parameters.
    expect(login("bob", "hunter2"), "bob's old hash is refused")
    print("bob after: ", users["bob"].split("$")[3])
    expect(not ph.check_needs_rehash(users["bob"]), "bob's hash is still stale")
    expect(login("bob", "hunter2"), "bob's new hash is refused")
    print("all logins behaved as expected")


if __name__ == "__main__":
    main()
