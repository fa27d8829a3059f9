from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.testing import analyses, check_exporter, texts
from geotext_csv import TABLES, CsvExporter, is_formula, join_cell, split_cell, table_rows


def as_text(cell):
    return "" if cell is None else str(cell)


def expected(results, table, *, escape_formulas):
    rows = []
    for analysis in results:
        for row in table_rows(analysis, table):
            cells = [as_text(cell) for cell in row]
            if escape_formulas:
                cells = [
                    "'" + text if isinstance(cell, str) and is_formula(text) else text for cell, text in zip(row, cells)
                ]
            rows.append(cells)
    return rows


def write(results, **options):
    buffer = io.BytesIO()
    CsvExporter(**options).write(results, buffer)
    return buffer.getvalue()


def parse(data: bytes):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- discovery and conformance -----------------------------------------------------------


def test_found_through_its_entry_point(seed_analyses, tmp_path):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["csv"]
    assert info.error is None and info.distribution == "geotext-csv"
    assert info.kinds == ("exporter",) and info.exporters == ("csv",)
    out = geotext.export(seed_analyses, format="csv", plugins=["csv"], table="mentions")
    rows = parse(out.encode("utf-8"))
    assert rows[0] == list(TABLES["mentions"])
    assert len(rows) - 1 == sum(len(e.mentions) for a in seed_analyses for e in a.entities)
    assert geotext.export(seed_analyses, format="csv", to=tmp_path / "tables") == 2
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.csv" for t in TABLES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_conformance(table, seed_analyses):
    check_exporter(CsvExporter(table=table), seed_analyses)


@given(analyses())
def test_every_table_survives_any_text(analysis):
    # exporter_survives_any_text for each table, with the tables sharing each drawn
    # analysis: drawing an analysis costs far more than writing it four times
    for table in sorted(TABLES):
        check_exporter(CsvExporter(table=table), [analysis])


def test_unknown_table_is_a_config_error():
    with pytest.raises(geotext.ConfigError, match="tables: articles, entities, mentions, claims"):
        CsvExporter(table="events")


# -- properties: the tables parse back to the same rows ---------------------------------


@given(st.lists(analyses(), max_size=3), st.sampled_from(sorted(TABLES)), st.booleans(), st.booleans())
def test_csv_module_reads_back_the_same_rows(results, table, escape_formulas, bom):
    data = write(results, table=table, escape_formulas=escape_formulas, bom=bom)
    assert data.startswith(b"\xef\xbb\xbf") == bom
    rows = parse(data)
    assert rows[0] == list(TABLES[table])
    assert rows[1:] == expected(results, table, escape_formulas=escape_formulas)


@given(st.lists(analyses(), min_size=1, max_size=3), st.sampled_from(sorted(TABLES)))
def test_pandas_reads_back_the_same_values(results, table):
    pd = pytest.importorskip("pandas")
    data = write(results, table=table, escape_formulas=False)
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    assert list(frame.columns) == list(TABLES[table])
    assert frame.values.tolist() == expected(results, table, escape_formulas=False)


def test_pandas_infers_numeric_columns(seed_analyses):
    pd = pytest.importorskip("pandas")
    entities = pd.read_csv(io.BytesIO(write(seed_analyses, table="entities")))
    assert str(entities["lat"].dtype) == "float64" and str(entities["mentions"].dtype) == "int64"
    claims = pd.read_csv(io.BytesIO(write(seed_analyses, table="claims")))
    assert str(claims["confidence"].dtype) == "float64"
    assert claims["source_ids"].str.split(";").tolist()[3] == ["iso:CHN", "iso:RUS", "iso:MNG"]


@given(st.lists(texts(min_size=0, max_size=20), max_size=5))
def test_join_and_split_cell_are_inverse(items):
    if items == [""]:  # one empty item and no item both give an empty cell
        items = []
    assert split_cell(join_cell(items)) == items


# -- formula injection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "  =1+1", " \t@cmd", "\u00a0+SUM(A1)"]
)
def test_formulas_are_neutralised_by_default(dangerous):
    text = dangerous + " and more"
    article = geotext.Article(text=text, title=text, source=dangerous)
    entity = geotext.Entity(
        id="x:e",
        kind="state",
        name=dangerous,
        coordinates=geotext.Coordinates(lat=-10, lon=-20),
        mentions=[geotext.Mention(start=0, end=len(dangerous), text=dangerous)],
    )
    analysis = geotext.Analysis(article=article, entities=[entity])
    for table in ("articles", "entities", "mentions"):
        for row in parse(write([analysis], table=table))[1:]:
            assert not any(
                cell.lstrip()[:1] in tuple("=+-@") or cell[:1] in tuple("\t\r") for cell in row if not _is_number(cell)
            ), row
    entities = parse(write([analysis], table="entities"))
    assert entities[1][3] == "'" + dangerous
    assert entities[1][9:11] == ["-10.0", "-20.0"]  # numbers keep their sign
    assert parse(write([analysis], table="entities", escape_formulas=False))[1][3] == dangerous


def _is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


# -- files ---------------------------------------------------------------------------------------


def test_directory_tables_are_atomic(tmp_path, seed_analyses):
    target = tmp_path / "tables"
    assert CsvExporter().write_path(seed_analyses, target) == 2
    assert parse((target / "claims.csv").read_bytes())[1:] == expected(seed_analyses, "claims", escape_formulas=True)

    def failing():
        yield seed_analyses[0]
        raise RuntimeError("interrupted")

    before = {p.name: p.read_bytes() for p in target.iterdir()}
    with pytest.raises(RuntimeError):
        CsvExporter().write_path(failing(), target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before


def test_single_table_path(tmp_path, seed_analyses):
    target = tmp_path / "entities.csv"
    CsvExporter(table="entities").write_path(seed_analyses, target)
    assert parse(target.read_bytes())[0] == list(TABLES["entities"])


def test_article_text_column(seed_analyses):
    rows = parse(write(seed_analyses, table="articles", article_text=True))
    assert rows[0][-1] == "text" and rows[1][-1] == seed_analyses[0].article.text


# -- golden files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(TABLES))
def test_golden_seeds(table, seed_analyses, golden):
    golden(f"seeds.{table}.csv", write(seed_analyses, table=table))


def test_seed_gold_tables_parse_back(seed_gold_analyses):
    for table in TABLES:
        assert parse(write(seed_gold_analyses, table=table))[1:] == expected(
            seed_gold_analyses, table, escape_formulas=True
        )


def test_claims_table_has_the_actor_codes_aligned_with_the_actors():
    text = "Russian troops shelled Kharkiv."
    entities = [
        geotext.Entity(
            id="iso:RUS", kind="state", name="Russia", mentions=[geotext.Mention(start=0, end=7, text="Russian")]
        ),
        geotext.Entity(
            id="place:kharkiv",
            kind="place",
            name="Kharkiv",
            mentions=[geotext.Mention(start=23, end=30, text="Kharkiv")],
        ),
    ]
    claim = geotext.Claim(
        producer="t",
        evidence=[geotext.Evidence(start=0, end=31, sentence_start=0, sentence_end=31)],
        sources=["iso:RUS"],
        targets=["place:kharkiv"],
        source_codes=["RUSMIL"],
        target_codes=[None],
    )
    analysis = geotext.Analysis(article=geotext.Article(text=text), entities=entities, claims=[claim])
    row = dict(zip(TABLES["claims"], table_rows(analysis, "claims")[0]))
    assert row["source_ids"] == "iso:RUS" and row["source_codes"] == "RUSMIL"
    assert row["target_ids"] == "place:kharkiv" and row["target_codes"] == ""


# -- where and when -------------------------------------------------------------------------------


def test_claim_place_and_date_columns(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0])
    rows = list(csv.DictReader(io.StringIO(write([analysis], table="claims").decode("utf-8-sig"), newline="")))
    urge, intent, observer = rows
    assert (urge["location_id"], urge["location_name"], urge["location_lat"], urge["location_lon"]) == (
        "geonames:1528675",
        "Bishkek",
        "42.87",
        "74.59",
    )
    assert (urge["location_text"], urge["location_rule"]) == ("Bishkek", "article")
    assert (urge["event_date"], urge["event_date_precision"], urge["event_date_text"], urge["event_date_rule"]) == (
        "2024-07-04",
        "day",
        "recently",
        "relative",
    )
    assert intent["location_id"] == "geonames:1528675" and intent["event_date"] == ""
    assert all(observer[column] == "" for column in TABLES["claims"] if column.startswith(("location", "event")))
    # the columns read back to the claim's values
    claim = analysis.claims[0]
    assert urge["location_id"] == claim.location.entity
    assert dt.date.fromisoformat(urge["event_date"]) == claim.event_date.date


def test_a_place_no_tagger_knows_keeps_its_name_as_written(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0], unknown_place=True)
    row = next(csv.DictReader(io.StringIO(write([analysis], table="claims").decode("utf-8-sig"), newline="")))
    assert (row["location_id"], row["location_name"], row["location_lat"], row["location_text"]) == (
        "",
        "Eurasian",
        "",
        "Eurasian",
    )


def test_lone_surrogates_are_written_as_replacement_characters():
    text = "Bad \udcff byte in China"
    entity = geotext.Entity(
        id="iso:CHN",
        kind="state",
        name="China",
        mentions=[geotext.Mention(start=len(text) - 5, end=len(text), text="China")],
    )
    analysis = geotext.Analysis(
        article=geotext.Article(text=text, title="T\ud800", source="s\udcfe"), entities=[entity]
    )
    data = write([analysis], table="articles", article_text=True)
    row = parse(data)[1]
    assert row[1] == "T\ufffd" and row[2] == "s\ufffd" and row[-1] == "Bad \ufffd byte in China"
    assert int(row[7]) == len(row[-1])  # one character for one: lengths and offsets hold
    assert geotext.export(analysis, "csv", table="mentions")  # every table writes
