"""LinkedIn import: the quirks in kit/imports/linkedin.py's docstring against hand-built CSVs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit.data import load
from kit.imports import ExportError, read_export
from tests.test_imports_x import zipped

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture(scope="module")
def exp():
    return read_export(FIXTURES / "linkedin")


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The export with Company Follows.csv and Endorsement_Given_Info.csv (kept in linkedin-follows/)."""
    folder = tmp_path_factory.mktemp("li") / "li"
    shutil.copytree(FIXTURES / "linkedin", folder)
    for f in (FIXTURES / "linkedin-follows").iterdir():
        shutil.copy(f, folder / f.name)
    return folder


def test_activity_has_the_synthetic_logs_columns_and_types(exp, tmp_path):
    act, town = exp.tables["linkedin_activity"], load("linkedin_activity")
    assert list(act.columns) == [*town.columns, "source", "origin"]
    for col in town.columns:
        assert act[col].dtype == town[col].dtype, col
    assert (act["member_id"] == 1).all() and exp.owner == "Cara Baker"
    assert read_export(zipped(FIXTURES / "linkedin", tmp_path / "li.zip")).tables["linkedin_activity"].equals(act)


def test_each_file_maps_to_an_action_and_only_the_owners_own_actions_count(exp):
    act = exp.tables["linkedin_activity"]
    counts = act.groupby("origin")["action"].agg(lambda a: sorted(set(a))).to_dict()
    assert counts == {
        "Shares.csv": ["post"],
        "Comments.csv": ["comment"],
        "Reactions.csv": ["like"],
        "messages.csv": ["message"],
        "Invitations.csv": ["connection_request"],
    }
    assert (act["origin"] == "messages.csv").sum() == 1  # the received message is not the owner's action
    assert (act["origin"] == "Invitations.csv").sum() == 1  # INCOMING is not


def test_four_reaction_date_formats_and_an_invitation_with_a_narrow_no_break_space(exp):
    act = exp.tables["linkedin_activity"]
    days = act.loc[act["origin"] == "Reactions.csv", "date"].dt.strftime("%Y-%m-%d").tolist()
    assert days == ["2025-09-25", "2025-09-26", "2025-09-28", "2025-09-29"]
    assert act.loc[act["origin"] == "Invitations.csv", "date"].dt.day.tolist() == [27]


def test_company_follows_and_endorsements_given_with_their_own_date_formats(full):
    exp = read_export(full)
    act = exp.tables["linkedin_activity"]
    counts = act.groupby("origin")["action"].agg(lambda a: sorted(set(a))).to_dict()
    assert counts["Company Follows.csv"] == ["follow_company"] and counts["Endorsement_Given_Info.csv"] == [
        "endorse_skill"
    ]
    day = lambda origin: act.loc[act["origin"] == origin, "date"].dt.strftime("%Y-%m-%d").tolist()  # noqa: E731
    assert day("Company Follows.csv") == ["2025-09-30", "2025-10-03"]  # a quoted name with a comma is one row
    assert day("Endorsement_Given_Info.csv") == ["2025-10-01", "2025-10-01", "2025-10-04"]  # one row a skill
    assert not any("company follows" in s.lower() or "endorse" in s for s in exp.cannot_tell)


def test_without_those_files_the_export_says_what_it_cannot_tell(exp):
    assert not exp.tables["linkedin_activity"]["action"].isin(["follow_company", "endorse_skill"]).any()
    assert any("Company Follows.csv" in s for s in exp.cannot_tell)
    assert any("Endorsement_Given_Info.csv" in s for s in exp.cannot_tell)


def test_an_export_of_company_follows_and_endorsements_alone_is_a_linkedin_export():
    exp = read_export(FIXTURES / "linkedin-follows")
    assert exp.platform == "linkedin" and exp.owner is None
    assert exp.tables["linkedin_activity"]["action"].astype(str).tolist() == [
        "follow_company",
        "endorse_skill",
        "endorse_skill",
        "follow_company",
        "endorse_skill",
    ]


def test_connections_after_a_notes_preamble(exp):
    c = exp.tables["connections"]
    assert c["first_name"].tolist() == ["Ana", "Bob"] and c["last_name"][1] == "Smith, Jr."
    assert c["position"][1] == "Director, Sales" and c["email_address"].isna()[0]
    assert c["connected_on"].dt.strftime("%Y-%m-%d").tolist() == ["2025-12-01", "2025-11-15"]
    assert c["url"][0] == "https://www.linkedin.com/in/ana-m"


def test_share_commentary_doubled_quotes_and_comments_backslash_quotes(exp):
    assert exp.tables["shares"]["text"][0] == 'Open today!\nCome by for "fresh" bread'
    assert exp.tables["shares"]["text"][1] == "Plain post"
    assert exp.tables["comments"]["text"][0] == 'Great point, "local first" works'


def test_an_old_windows_1252_export_without_preamble_or_url(tmp_path):
    exp = read_export(FIXTURES / "linkedin-old")
    c = exp.tables["connections"]
    assert (c["first_name"][0], c["company"][0]) == ("Renée", "Café Dubois") and c["url"].isna().all()
    assert exp.owner is None


def test_without_a_profile_the_owner_is_the_person_in_most_conversations(tmp_path):
    shutil.copytree(FIXTURES / "linkedin", tmp_path / "li")
    (tmp_path / "li" / "Profile.csv").unlink()
    exp = read_export(tmp_path / "li")
    assert exp.owner == "Cara Baker" and any("Profile.csv" in s for s in exp.cannot_tell)


@pytest.mark.parametrize(
    "file, line, expect",
    [
        ("Reactions.csv", "2025.09.25,LIKE,x", r"Reactions\.csv.*'Date'.*'2025\.09\.25'.*expected"),
        ("Connections.csv", "Ana,M,,,,,1st December", r"Connections\.csv.*'Connected On'.*%d %b %Y"),
        ("Invitations.csv", 'A,B,"9/27/25, 8:41 AM",,SIDEWAYS,,', r"Direction.*INCOMING or OUTGOING"),
        ("messages.csv", "c,,Cara Baker,,Ana,,yesterday,,hi,INBOX", r"messages\.csv.*'DATE'.*'yesterday'"),
        (
            "Company Follows.csv",
            "Hearth Ovens,2025-10-05",
            r"Company Follows\.csv.*line 4.*'Followed On'.*'2025-10-05'.*%a %b %d %H:%M:%S UTC %Y",
        ),
        (
            "Endorsement_Given_Info.csv",
            "10/05/2025,Baking,Dan,Cole,www.linkedin.com/in/dan,ACCEPTED",
            r"Endorsement_Given_Info\.csv.*'Endorsement Date'.*'10/05/2025'.*%Y/%m/%d %H:%M:%S UTC",
        ),
    ],
)
def test_an_unknown_value_names_the_file_column_value_and_formats(full, tmp_path, file, line, expect):
    shutil.copytree(full, tmp_path / "li")
    with open(tmp_path / "li" / file, "a", encoding="utf-8") as f:
        f.write(line + "\n")
    with pytest.raises(ExportError, match=expect):
        read_export(tmp_path / "li")


# --------------------------------------------------------------------------- what others did towards the owner

RECEIVED = FIXTURES / "linkedin-received"  # a group conversation, an owner's FROM in lower case, 4 invitations


def test_received_has_its_columns_and_types_and_one_row_per_received_message_and_incoming_invitation(exp):
    got, act = exp.tables["linkedin_received"], exp.tables["linkedin_activity"]
    assert list(got.columns) == ["date", "kind", "source", "origin"]
    assert got["date"].dtype == act["date"].dtype and list(got["kind"].cat.categories) == ["message", "invitation"]
    assert str(got["source"].dtype) == str(got["origin"].dtype) == "string" and (got["source"] == "linkedin").all()
    # the main fixture: Ana's answer to Cara, Eve's INCOMING invitation; the owner's own rows are in linkedin_activity
    assert got[["kind", "origin"]].astype(str).values.tolist() == [
        ["invitation", "Invitations.csv"],
        ["message", "messages.csv"],
    ]
    assert got["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-10-02", "2025-10-07"]


def test_received_counts_kinds_and_utc_calendar_dates():
    exp = read_export(RECEIVED)
    got = exp.tables["linkedin_received"]
    assert got.groupby("kind", observed=True).size().to_dict() == {"message": 3, "invitation": 3}
    rows = list(zip(got["date"].dt.strftime("%Y-%m-%d"), got["kind"].astype(str), got["origin"]))
    assert rows == [
        ("2025-10-08", "invitation", "Invitations.csv"),  # 11:59 PM, no zone: taken as UTC
        ("2025-10-08", "message", "messages.csv"),  # 23:59:59 UTC stays on the 8th
        ("2025-10-09", "message", "messages.csv"),  # no " UTC" suffix, 00:00:01
        ("2025-10-09", "message", "messages.csv"),  # a text over two lines is one message
        ("2025-10-10", "invitation", "Invitations.csv"),  # a narrow no-break space before AM
        ("2025-10-11", "invitation", "Invitations.csv"),
    ]  # "incoming" in lower case
    act = exp.tables["linkedin_activity"]  # the owner's FROM ("cara baker" too) is sent, never received
    assert act.groupby("action", observed=True).size().to_dict() == {"message": 2, "connection_request": 1}
    assert not any("messages.csv" in s or "Invitations.csv" in s for s in exp.cannot_tell)


def test_received_keeps_no_names_urls_or_message_texts():
    got = read_export(RECEIVED).tables["linkedin_received"]
    cells = {str(v) for col in got for v in got[col]}
    assert cells == {
        "2025-10-08 00:00:00",
        "2025-10-09 00:00:00",
        "2025-10-10 00:00:00",
        "2025-10-11 00:00:00",
        "message",
        "invitation",
        "linkedin",
        "messages.csv",
        "Invitations.csv",
    }
    for word in ("Dan", "Eve", "Fay", "Hal", "linkedin.com", "rye", "quay", "bread", "Bread club"):
        assert not any(word.lower() in c.lower() for c in cells if c != "linkedin"), word


def test_without_messages_or_invitations_received_is_empty_with_its_columns_and_the_export_says_so(exp):
    old = read_export(FIXTURES / "linkedin-old")
    got = old.tables["linkedin_received"]
    assert got.empty and list(got.columns) == ["date", "kind", "source", "origin"]
    assert got.dtypes.astype(str).tolist() == exp.tables["linkedin_received"].dtypes.astype(str).tolist()
    assert sum("messages.csv" in s for s in old.cannot_tell) == 1
    assert sum("Invitations.csv" in s for s in old.cannot_tell) == 1
    assert not any("messages.csv:" in s or "Invitations.csv:" in s for s in exp.cannot_tell)
