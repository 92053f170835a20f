"""Finding and creating books.

A book is a folder with `gkcli.toml` and `ledger/`. Which book a command uses:
`--book PATH`, else `GKCLI_BOOK`, else the nearest `gkcli.toml` walking up from the
current directory, else `./data` (the bundled sample book in a checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import GkcliError, os_error
from .ledger import layout
from .ledger.durable import missing_folders

ENV_VAR = "GKCLI_BOOK"
FALLBACK = Path("data")

GITATTRIBUTES = (
    "# 账本只追加：合并分支时保留本方记录并追加对方新增的记录（每个克隆运行一次 gkcli git-setup；合并后请运行 gkcli check）\n"
    f"{layout.LEDGER_DIR}/**/*.toml merge=gkcli-ledger\n"
)
# the id index, and the journal of a batch being written: never shared through git
GITIGNORE = f"{layout.LOCK_NAME}\n{layout.JOURNAL_NAME}\n{layout.JOURNAL_NAME}.tmp\n"


def locate(option: str | None, cwd: Path | None = None) -> Path:
    """The root of the book this command works on; raises if there is none."""
    cwd = cwd or Path.cwd()
    if option:
        return _require(Path(option), "参数 --book")
    env = os.environ.get(ENV_VAR)
    if env:
        return _require(Path(env), f"环境变量 {ENV_VAR}")
    for folder in (cwd, *cwd.parents):
        if (folder / layout.CONFIG_NAME).is_file():
            return folder
    fallback = cwd / FALLBACK
    if (fallback / layout.CONFIG_NAME).is_file():
        return fallback
    raise GkcliError(
        "找不到账本：当前目录及其上级目录都没有 gkcli.toml，也没有 ./data 账本",
        hint="用 --book 路径 或环境变量 GKCLI_BOOK 指定账本，或用 gkcli init 新建一个。",
    )


def _require(path: Path, origin: str) -> Path:
    try:
        found = (path / layout.CONFIG_NAME).is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL
        found = False
    if not found:
        raise GkcliError(f"「{path}」不是 gkcli 账本（缺少 {layout.CONFIG_NAME}）", where=origin)
    return path


def create(path: Path, agency: str, kind: str) -> Path:
    """Create a new, empty book; refuses to touch an existing one."""
    config = path / layout.CONFIG_NAME
    if config.exists():
        raise GkcliError(f"{path} 已经是 gkcli 账本，未做任何修改", where="PATH")
    if not agency.strip():
        raise GkcliError("机关名称不能为空", where="--agency")
    if path.exists() and not path.is_dir():
        raise GkcliError(f"{path} 已存在且不是文件夹", where="PATH")
    import tomli_w  # only `init` writes TOML here; discovery runs on every command

    body = tomli_w.dumps({"book": {"agency": agency.strip(), "kind": kind, "schema": 1}})
    files = [(path / name, text) for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE))]
    files = [(file, text) for file, text in files if not file.exists()]
    files.append((config, "# gkcli 账本配置\n" + body))  # last: a folder is a book once it is whole
    folders = missing_folders(path / layout.LEDGER_DIR)
    written: list[Path] = []
    try:
        (path / layout.LEDGER_DIR).mkdir(parents=True, exist_ok=True)
        for file, text in files:
            written.append(file)
            file.write_text(text, encoding="utf-8")
    except OSError as exc:  # a read-only or full disk: what was made is removed again
        _remove(written, folders)
        raise os_error(exc, note="未创建账本") from None
    return path


def _remove(files: list[Path], folders: list[Path]) -> None:
    for item in files:
        try:
            item.unlink(missing_ok=True)
        except OSError:
            pass
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
