"""The generated datasets: deterministic, schema-valid, and calibrated to CONTENT.md's figures."""

import filecmp

import pytest
from frictionless import Package, validate

from kit import social
from kit.data import load
from kit.exercises import check
from kit.scenario import load_scenario
from kit.synth import build, specs

from .conftest import DATASETS, _clear_caches


def test_build_is_byte_identical_and_matches_the_committed_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(out_dir=a)
    build(out_dir=b)
    names = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())  # demo-exports/ too
    assert names == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors
    match, mismatch, errors = filecmp.cmpfiles(a, DATASETS, names, shallow=False)
    assert not mismatch, f"committed datasets are stale; run `uv run kit data build`: {mismatch}"


def test_build_keeps_files_it_does_not_own(tmp_path):
    (tmp_path / "my-notes.txt").write_text("mine")
    build(out_dir=tmp_path)
    assert (tmp_path / "my-notes.txt").read_text() == "mine"
    assert not list(tmp_path.glob(".build-*"))


def test_a_failing_build_writes_nothing(tmp_path, monkeypatch):
    build(out_dir=tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    from kit.synth import linkedin

    def broken(s, seed_stream=2):
        raise RuntimeError("generator failed half way")

    monkeypatch.setattr(linkedin, "generate", broken)
    with pytest.raises(RuntimeError):
        build(out_dir=tmp_path)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_schema_is_valid_frictionless_and_the_data_matches_it():
    report = validate(str(DATASETS / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(str(DATASETS / "datapackage.json"))
    assert sorted(r.name for r in package.resources) == sorted(specs())


def test_data_dictionary_documents_every_column():
    text = (DATASETS / "README.md").read_text()
    assert "synthetic" in text.lower()
    for spec in specs().values():
        assert f"## `{spec.name}`" in text
        for field in spec.fields:
            assert f"| `{field.name}` |" in text, f"{spec.name}.{field.name} undocumented"


# --- calibration (CONTENT.md): the properties the data dictionary promises


def test_reciprocity_near_kwak_and_higher_locally():
    follows, accounts = load("follows"), load("accounts")
    overall = social.reciprocity(follows)
    local = social.reciprocity(follows, accounts.loc[accounts["local"], "account_id"])
    assert 0.18 <= overall <= 0.26, overall  # Kwak et al. 2010: 22.1%
    assert local >= overall + 0.10, (local, overall)


def test_most_businesses_are_meformers():
    share = (social.self_focus(load("posts"), load("accounts")) > 0.5).mean()
    assert 0.70 <= share <= 0.90, share  # Naaman et al. 2010: ~80%


def test_engagement_rate_falls_with_audience_size():
    summary = social.account_summary(load("posts"), load("accounts"))
    assert social.rank_correlation(summary["followers"], summary["engagement_rate"]) < -0.3


def test_conversation_goes_with_engagement():
    summary = social.account_summary(load("posts"), load("accounts"))
    assert social.rank_correlation(summary["social_ratio"], summary["engagement_per_post"]) > 0.3


def test_friends_are_far_fewer_than_follows():
    fv = social.friends_vs_following(load("posts"), load("accounts"))
    assert fv["friends"].median() * 20 < fv["following"].median()  # Huberman et al. 2009


def test_outcomes_rise_with_active_behaviour_but_noisily():
    prof = social.activity_profile(load("linkedin_activity"), load("linkedin_members"))
    opp = load("linkedin_outcomes").set_index("member_id")["opportunities"].reindex(prof.index)
    rho = social.rank_correlation(prof["active_actions"], opp)
    assert 0.3 <= rho <= 0.8, rho
    share = social.opportunity_share(load("linkedin_activity"), load("linkedin_outcomes"), load("linkedin_members"))
    assert share["active"] > share["passive"]


def test_hub_and_outside_the_hour_posts_exist():
    accounts, posts = load("accounts"), load("posts")
    hub = accounts[accounts["kind"] == "hub"]
    assert len(hub) == 1 and hub["followers_count"].iloc[0] >= 5000
    in_hour = social.in_hashtag_hour(posts["created_at"])
    tagged = posts["hashtags"].fillna("").str.contains(load_scenario().hashtag)
    assert (tagged & ~in_hour).any(), "some tagged posts fall outside the hour (the window matters)"
    assert (~tagged & in_hour).any()


# --- re-targeting: another town, evening and zone; checks still compute the right answers


def test_a_retargeted_scenario_still_checks_correctly(data_copy):
    text = (data_copy / "scenario.toml").read_text()
    for old, new in [
        ('hashtag = "#dorsethour"', 'hashtag = "#yorkhour"'),
        ('weekday = "Monday"', 'weekday = "Thursday"'),
        ('start = "19:30"', 'start = "20:00"'),
        ('timezone = "Europe/London"', 'timezone = "America/New_York"'),
        ("first_date = 2026-10-05", "first_date = 2026-10-15"),
        ("businesses = 120", "businesses = 60"),
    ]:
        assert old in text
        text = text.replace(old, new)
    (data_copy / "scenario.toml").write_text(text)
    _clear_caches()
    s = load_scenario()
    build()
    _clear_caches()
    posts, accounts = load("posts"), load("accounts")
    assert str(posts["created_at"].dt.tz) == "America/New_York"
    assert (accounts["kind"] == "business").sum() == 60
    assert check("00.1", 60).correct
    expected = int(social.in_hashtag_hour(posts["created_at"]).sum())
    assert expected > 0 and check("01.1", expected).correct
    # learner-style code with the new scenario's values passes too
    clock = posts["created_at"].dt.strftime("%H:%M")
    learner = (posts["created_at"].dt.date.isin(s.evenings()) & (clock >= "20:00") & (clock < "21:00")).sum()
    assert check("01.1", learner).correct
    # and the UTC mistake is still recognised (the US clocks change on 1 November)
    naive = posts["created_at"].dt.tz_convert("UTC").dt.strftime("%H:%M")
    utc_count = (
        posts["created_at"].dt.tz_convert("UTC").dt.date.isin(s.evenings()) & (naive >= "20:00") & (naive < "21:00")
    ).sum()
    assert "UTC" in check("01.1", utc_count).message


# --- the assumptions register, rendered


def test_data_dictionary_renders_every_assumption_with_size_and_source():
    from kit.synth.assumptions import REGISTER

    text = (DATASETS / "README.md").read_text()
    section = text.split("## Assumptions built into the data")[1].split("\n## ")[0]
    for a in REGISTER:
        row = next((line for line in section.splitlines() if line.startswith(f"| `{a.name}` |")), None)
        assert row, f"{a.name} is not in the data dictionary"
        assert a.size_text() in row and a.source in row
    assert len(REGISTER) >= 20
    sources = " ".join(a.source for a in REGISTER)
    for study in ("Naaman", "Kwak", "Hutto", "Varol", "Cha", "Rival IQ"):
        assert study in sources


def test_build_takes_a_scenario_file_and_writes_beside_it(tmp_path):
    toml = tmp_path / "scenario.toml"
    toml.write_text(
        (DATASETS / "scenario.toml").read_text().replace("seed = 20261005", "seed = 11")
        + "\n[assumptions]\nconversation_lift = 0\n"
    )
    result = build(toml)
    assert {p.name for p in result["files"]} >= {"posts.csv", "datapackage.json", "README.md"}
    assert (tmp_path / "posts.csv").exists() and (tmp_path / "scenario.toml").read_text().endswith("= 0\n")
    readme = (tmp_path / "README.md").read_text()
    assert "| `conversation_lift` | 0 (default 1.5) |" in readme
    assert (tmp_path / "posts.csv").read_bytes() != (DATASETS / "posts.csv").read_bytes()
