"""The shipped sample articles read cleanly through every reader."""
from collections import Counter
from datetime import date
from pathlib import Path

from clashmap.model import Reject
from clashmap.samples import SEED_FILE, article_files
from clashmap.sources import detect, read, read_many

MYANMAR_STATES = ("Sagaing", "Magway", "Shan", "Rakhine", "Kachin", "Kayah", "Chin")


def test_every_sample_file_reads_without_rejects():
    records = list(read_many(article_files()))
    assert [str(r) for r in records if isinstance(r, Reject)] == []
    by_format = Counter(detect(Path(r.source)) for r in records)
    assert by_format == {"seed": 17, "jsonl": 2, "csv": 2, "rss": 2, "html": 1, "txt": 1}
    assert len({r.id for r in records}) == len(records)


def test_seed_samples_cover_myanmar_first_and_other_countries():
    articles = list(read(SEED_FILE))
    first_seven = " ".join(a.text for a in articles[:7])
    for state in MYANMAR_STATES:
        assert f"{state} State" in first_seven or f"{state} Region" in first_seven, state
    others = " ".join(a.text for a in articles)
    for place in ("Darfur", "North Kivu", "Ukrain", "Mexico", "Mali"):
        assert place.lower() in others.lower(), place


def test_same_event_pair_and_must_not_merge_pair_are_where_the_readme_says():
    articles = {a.line: a for a in read(SEED_FILE)}
    assert {articles[8].date, articles[9].date} == {date(2024, 5, 16), date(2024, 5, 17)}
    assert all("Ma Gyi Kan" in articles[n].text and "Wednesday" in articles[n].text for n in (8, 9))
    assert all("Myaung Township" in articles[n].text for n in (10, 11))
    assert articles[12].text.startswith("Resistance forces fought junta troops in 212 clashes")


def test_readme_says_the_samples_are_invented():
    readme = (SEED_FILE.parent / "README.md").read_text()
    assert "Invented examples written for clashmap" in readme
