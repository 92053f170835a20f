"""The applicant's address: an optional personal field handled like the phone: kept in the ledger,
masked in listings, sealed in the cache, carried by bulk input, import and export (dropped by
`--without-personal-data`), never in a report, never a reason on its own to call two cases one."""

from __future__ import annotations

import json
import re

import pytest
from test_cache import readable_in_cache

from gkcli import personal
from gkcli.ledger import cache

ADDRESS = "天津市蓟州区东二营镇东二营村1号"
MASKED = "天津市蓟州区**********"


@pytest.fixture
def book(gk):
    gk.ok("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--name", "张三", "--address", f" {ADDRESS} ",
          "--subject", "2023年预算执行情况")
    gk.ok("case", "answer", "2024-0001", "--date", "2024-05-20", "--outcome", "granted")
    return gk


def test_the_address_is_kept_in_the_ledger_after_the_phone(book):
    text = (book.root / "ledger/2024/cases.toml").read_text(encoding="utf-8")
    assert f'address = "{ADDRESS}"' in text


@pytest.mark.parametrize(
    ("address", "shown"),
    [
        (ADDRESS, MASKED),
        ("广东省深圳市南山区科技园", "广东省深圳市******"),
        ("内蒙古自治区呼和浩特市新城区", "内蒙古自治区呼和浩特市***"),
        ("浙江省杭州市西湖区文三路", "浙江省杭州市******"),
        ("东二营村3号", "东二****"),  # no province or city named: two characters
        ("北京市", "北京*"),  # never the whole address
        ("甲", "*"),
        ("", ""),
    ],
)
def test_mask_address_keeps_the_province_and_city(address, shown):
    assert personal.mask_address(address) == shown
    assert personal.mask_ledger_line(f'address = "{address}"') == f'address = "{shown}"'


@pytest.mark.parametrize("fmt", ["json", "ndjson", "csv"])
def test_listings_mask_the_address_unless_asked(book, fmt):
    out = book.ok("case", "list", "--format", fmt)
    assert ADDRESS not in out and MASKED in out
    assert ADDRESS in book.ok("case", "list", "--format", fmt, "--with-personal-data")


def test_show_masks_the_address_unless_asked(book):
    assert f"地址：{MASKED}" in book.ok("case", "show", "2024-0001")
    assert f"地址：{ADDRESS}" in book.ok("case", "show", "2024-0001", "--with-personal-data")
    assert book.json("case", "show", "2024-0001", "-f", "json")["address"] == MASKED


def test_reports_never_show_the_address(book):
    for fmt in ("terminal", "md", "json"):
        out = book.ok("report", "2024", "--format", fmt)
        assert "东二营村" not in out and "蓟州区*" not in out


def test_a_bad_address_in_a_hand_edited_ledger_is_not_repeated(gk):
    gk.write("ledger/2024/cases.toml", '[[case]]\nid = "a"\nreceived = 2024-01-02\napplicant = "natural_person"\naddress = 10086123\n')
    result = gk("check")
    assert result.exit_code != 0 and "address" in result.stdout + result.stderr
    assert "10086123" not in result.stdout + result.stderr


def test_bulk_input_carries_the_address_and_drops_a_masked_one(book, tmp_path):
    from typer.testing import CliRunner

    from gkcli.cli.app import app

    full = book.ok("case", "list", "--format", "ndjson", "--with-personal-data")
    masked = book.ok("case", "list", "--format", "ndjson")
    for text, expected in ((full, ADDRESS), (masked, "")):
        target = tmp_path / f"book-{len(expected)}"
        assert CliRunner().invoke(app, ["init", str(target), "--agency", "测试县某某镇人民政府"]).exit_code == 0
        added = CliRunner().invoke(app, ["--book", str(target), "case", "add", "-"], input=text)
        assert added.exit_code == 0, added.stderr
        listed = CliRunner().invoke(app, ["--book", str(target), "case", "list", "-f", "json", "--with-personal-data"])
        assert [c["address"] for c in json.loads(listed.stdout)] == [expected]


def test_export_carries_the_address_and_without_personal_data_drops_it(book):
    cases = [json.loads(line) for line in book.ok("export").splitlines() if '"case"' in line]
    assert any(c.get("address") == ADDRESS for c in cases)
    assert "address" not in book.ok("export", "--without-personal-data") and ADDRESS not in book.ok("export", "--without-personal-data")


@pytest.mark.parametrize("heading", ["地址", "通讯地址", "联系地址", "邮寄地址"])
def test_import_suggests_and_reads_the_address_column(gk, tmp_path, heading):
    register = tmp_path / "台账.csv"
    register.write_text(f"申请日期,申请人类型,申请人姓名,联系电话,{heading}\n2024-05-10,个人,张三,13812345678,{ADDRESS}\n", encoding="utf-8")
    mapping = gk.ok("import", str(register), "--suggest")
    assert f'"{heading}" = "address"' in mapping and '"联系电话" = "phone"' in mapping
    (tmp_path / "m.toml").write_text(mapping, encoding="utf-8")
    result = gk("import", str(register), "--map", str(tmp_path / "m.toml"))
    assert result.exit_code == 0, result.stderr
    assert [c["address"] for c in gk.json("case", "list", "-f", "json", "--with-personal-data")] == [ADDRESS]


def test_an_address_alone_neither_makes_nor_unmakes_a_duplicate(book):
    same = ["case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--name", "张三", "--subject", "2023年预算执行情况"]
    other_address = book(*same, "--address", "北京市海淀区中关村大街1号")
    assert other_address.exit_code == 2 and "疑似重复登记" in other_address.stderr  # same person by name: the address does not tell them apart
    other_name = book("case", "add", "--received", "2024-05-10", "--applicant", "自然人", "--name", "李四", "--address", ADDRESS,
                      "--subject", "2023年预算执行情况")
    assert other_name.exit_code == 0  # one address, another applicant: not the same person


def test_the_cache_holds_no_address_in_clear(gk, tmp_path, monkeypatch):
    """A ledger large enough to be cached, every case with an address: once read through the
    cache, no file of the cache folder shows one, in its bytes or unpickled; read back whole."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GKCLI_CACHE_DIR", str(folder))
    blocks = [
        f'[[case]]\nid = "2024-{n + 1:04d}"\nreceived = 2024-03-0{n % 9 + 1}\napplicant = "natural_person"\n'
        f'subject = "申请公开第{n}号事项"\naddress = "甄州省甄县甄家庄{n}号院"\n\n'
        for n in range(7000)
    ]
    assert gk.write("ledger/2024/cases.toml", "".join(blocks)).stat().st_size > cache.MIN_BYTES
    gk.ok("report", "2024", "--format", "json")
    listed = gk.ok("case", "list", "--format", "ndjson", "--with-personal-data").splitlines()  # through the cache
    assert list(folder.glob("*.records"))
    assert {json.loads(line)["address"] for line in listed} == {f"甄州省甄县甄家庄{n}号院" for n in range(7000)}
    assert readable_in_cache(folder, [re.compile(r"甄家庄|\\u7504|号院")]) == []
