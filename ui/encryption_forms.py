"""What each passphrase dialog says and checks (the dialog itself is ``ui.secret_dialog``)."""

from __future__ import annotations

from panel_app import encryption, unlock
from panel_app.encryption import Key
from ui.secret_dialog import FORGOTTEN, SecretForm, Values

NEW_FIELDS = [("new", "&Passphrase"), ("repeat", "&Repeat it")]
HINTS = {"new": f"at least {encryption.MIN_LENGTH} characters: a few unrelated words work well"}


def _check_new(values: Values) -> str | None:
    problem = encryption.check_passphrase(values["new"])
    if problem:
        return problem
    if values["new"] != values["repeat"]:
        return "The two passphrases are not the same: type them again."
    return None


def _check_current(key: Key, values: Values) -> str | None:
    if not values["current"]:
        return "Type the database's current passphrase."
    if not key.matches(values["current"]):
        return "That is not this database's passphrase."
    return None


def offer() -> SecretForm:
    """At the first start: protect the database from the outset."""
    return SecretForm(
        title="Protect this database?",
        heading="Protect this database with a passphrase?",
        text=(
            "Audit Panel holds children's safeguarding cases. With a passphrase, the database "
            "and its backups are encrypted on this computer's disk: someone who copies the "
            "files, or takes the laptop, cannot read them. The app asks for the passphrase "
            "each time it starts."
        ),
        warning=FORGOTTEN,
        accept="&Protect with this passphrase",
        reject="&Not now",
        fields=NEW_FIELDS,
        hints=HINTS,
        check=_check_new,
        note="You can turn encryption on or off later in Settings.",
    )


def turn_on(plain_backups: int) -> SecretForm:
    if plain_backups > 1:
        backups = (
            f"The {plain_backups} existing backups are encrypted too, and their unencrypted "
            "copies are overwritten and deleted, so none is left readable."
        )
    elif plain_backups == 1:
        backups = (
            "The existing backup is encrypted too, and its unencrypted copy is overwritten "
            "and deleted, so none is left readable."
        )
    else:
        backups = "Its backups will be encrypted too."
    return SecretForm(
        title="Encrypt the database",
        heading="Encrypt this database with a passphrase",
        text=(
            "The database is converted to an encrypted copy, which is checked before it "
            f"replaces the unencrypted file; the unencrypted file is then deleted. {backups}"
        ),
        warning=FORGOTTEN,
        accept="&Encrypt",
        fields=NEW_FIELDS,
        hints=HINTS,
        check=_check_new,
    )


def change(key: Key) -> SecretForm:
    def check(values: Values) -> str | None:
        return _check_current(key, values) or _check_new(values)

    return SecretForm(
        title="Change the passphrase",
        heading="Change the database's passphrase",
        text=(
            "The database and the backups the current passphrase opens are re-encrypted "
            "under the new one; the current passphrase will no longer open them."
        ),
        warning=FORGOTTEN,
        accept="&Change passphrase",
        fields=[
            ("current", "C&urrent passphrase"),
            ("new", "&New passphrase"),
            ("repeat", "&Repeat the new one"),
        ],
        hints=HINTS,
        check=check,
    )


def turn_off(key: Key) -> SecretForm:
    return SecretForm(
        title="Turn off encryption",
        heading="Store this database unencrypted?",
        text=(
            "The database and the backups its passphrase opens are converted back to plain "
            "files. Anyone who can copy them, or who takes the laptop, will be able to read "
            "the cases. The app will no longer ask for a passphrase."
        ),
        accept="&Turn off encryption",
        fields=[("current", "C&urrent passphrase")],
        check=lambda values: _check_current(key, values),
    )


def unlock_password() -> SecretForm:
    def check(values: Values) -> str | None:
        problem = unlock.check_password(values["new"])
        if problem:
            return problem
        if values["new"] != values["repeat"]:
            return "The two passwords are not the same: type them again."
        return None

    return SecretForm(
        title="Unlock password",
        heading="Set a password to unlock Audit Panel",
        text=(
            "When Audit Panel locks itself (Ctrl+L, or after a while without use), this "
            "password unlocks it, so nobody else at this computer can. It does not encrypt "
            "the database: for that, protect the database with a passphrase."
        ),
        accept="&Set password",
        fields=[("new", "&Password"), ("repeat", "&Repeat it")],
        hints={"new": f"at least {unlock.MIN_LENGTH} characters"},
        check=check,
    )
