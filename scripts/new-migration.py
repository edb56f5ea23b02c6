"""Write a new Alembic revision from the difference between the models and the migrations.

usage: .venv/bin/python scripts/new-migration.py "what changed"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.schema import alembic_config


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/scratch.db")
        with engine.begin() as connection:
            config = alembic_config(connection)
            command.upgrade(config, "head")
            versions = Path(config.get_main_option("script_location") or "") / "versions"
            number = len(list(versions.glob("[0-9][0-9][0-9][0-9]_*.py"))) + 1
            command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}")
    print(f'Now set HEAD = "{number:04d}" in db/schema.py.')


if __name__ == "__main__":
    main()
