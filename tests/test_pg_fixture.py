import pytest
import sqlalchemy as sa


@pytest.mark.postgres
def test_throwaway_cluster_answers(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select 1 + 1")).scalar() == 2
    engine.dispose()
