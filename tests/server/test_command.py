"""msp serve: safe settings by default, one-line refusals (exit 2), and the extra kept optional."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import pytest

from msp import cli
from msp.server import MIN_TOKEN_LENGTH, TOKEN_ENV, ServerConfig, is_loopback
from tests.server.serving import ROOT, TOKEN


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestBinding:
    """Only localhost is served without a token, unless --allow-unauthenticated says otherwise."""

    @pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "LOCALHOST", "127.0.0.2", "[::1]"])
    def test_loopback_addresses(self, host: str):
        assert is_loopback(host)
        ServerConfig(host=host).check()

    @pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", ""])  # noqa: S104
    def test_any_other_address_needs_a_token(self, host: str):
        assert not is_loopback(host)
        with pytest.raises(ValueError, match=TOKEN_ENV):
            ServerConfig(host=host).check()
        ServerConfig(host=host, token=TOKEN).check()
        ServerConfig(host=host, allow_unauthenticated=True).check()

    def test_a_short_token_is_refused(self):
        with pytest.raises(ValueError, match=str(MIN_TOKEN_LENGTH)):
            ServerConfig(token="x" * (MIN_TOKEN_LENGTH - 1)).check()

    def test_the_token_is_never_shown(self):
        assert TOKEN not in repr(ServerConfig(token=TOKEN))

    def test_the_token_comes_from_the_environment(self, monkeypatch: pytest.MonkeyPatch):
        monkeypatch.setenv(TOKEN_ENV, TOKEN)
        assert ServerConfig.from_env(port=9).token == TOKEN
        monkeypatch.setenv(TOKEN_ENV, "")
        assert ServerConfig.from_env().token is None

    @pytest.mark.parametrize(
        ("setting", "value"), [("timeout", 0), ("body_timeout", -1), ("max_body_bytes", 0), ("jobs", -1)]
    )
    def test_bad_settings_are_refused(self, setting: str, value: float):
        with pytest.raises(ValueError, match=setting):
            ServerConfig(**{setting: value})  # type: ignore[arg-type]


class TestCommand:
    """msp serve refuses unsafe or bad settings with one line on standard error and exit status 2."""

    def test_another_address_without_a_token_exits_2(self, capsys: pytest.CaptureFixture[str], monkeypatch):
        monkeypatch.delenv(TOKEN_ENV, raising=False)
        code, out, err = _run(capsys, "serve", "--host", "0.0.0.0")  # noqa: S104
        assert (code, out) == (2, "")
        assert err.startswith("msp serve: serving 0.0.0.0 (not localhost) needs a bearer token in MSP_SERVER_TOKEN")
        assert "--allow-unauthenticated" in err
        assert err.count("\n") == 1

    def test_a_short_token_exits_2(self, capsys: pytest.CaptureFixture[str], monkeypatch):
        monkeypatch.setenv(TOKEN_ENV, "short")
        code, _, err = _run(capsys, "serve")
        assert code == 2
        assert "shorter than 16 characters" in err
        assert "short\n" not in err

    @pytest.mark.parametrize(
        ("option", "value"),
        [("--port", "0"), ("--port", "70000"), ("--timeout", "0"), ("--body-timeout", "nan"), ("--jobs", "two")],
    )
    def test_bad_values_exit_2(self, capsys: pytest.CaptureFixture[str], option: str, value: str):
        code, _, err = _run(capsys, "serve", option, value)
        assert code == 2
        assert err.startswith(f"msp serve: argument {option}")

    def test_a_port_in_use_exits_2(self, tmp_path):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "msp", "serve", "--port", str(port), "--jobs", "1"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                cwd=ROOT,
            )
        assert done.returncode == 2
        assert done.stderr.splitlines()[-1] == f"msp serve: could not listen on 127.0.0.1:{port}"
        assert "Traceback" not in done.stderr


class TestTheExtraIsOptional:
    """import msp never imports the server; without the extra, msp serve says which extra to install."""

    def test_import_msp_does_not_import_the_server(self):
        code = (
            "import sys, msp, msp.cli; from msp import cli; cli._parser(); "
            "assert not {'litestar', 'uvicorn', 'msp.server'} & set(sys.modules), sorted(sys.modules)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 0, done.stderr

    @pytest.mark.parametrize("missing", ["litestar", "uvicorn"])
    def test_without_the_extra_serve_says_what_to_install(self, missing: str):
        code = (
            f"import sys; sys.modules[{missing!r}] = None; from msp.cli import main; raise SystemExit(main(['serve']))"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
        assert done.returncode == 2
        assert done.stderr == (
            "msp serve: msp serve needs the server extra: pip install 'making-safeguarding-personal[server]'\n"
        )
        assert done.stdout == ""


class TestStopping:
    """Stopped by SIGTERM (systemd, Kubernetes) or Ctrl-C, the server ends cleanly with status 0, as its help says."""

    @pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
    def test_a_signal_stops_it_with_status_0(self, tmp_path, name: str):
        from tests.server.serving import start  # noqa: PLC0415

        server = start(tmp_path, "--jobs", "1")
        server.client.close()
        server.process.send_signal(getattr(signal, name))
        assert server.process.wait(timeout=30) == 0, server.log
        assert "Application shutdown complete" in server.log
