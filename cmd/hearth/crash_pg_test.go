package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// privatePostgres is a PostgreSQL server of the test's own, in a temporary
// folder on a free port, so that stopping it mid-load harms no other test.
type privatePostgres struct {
	bin, data, sock string
	port            int
	asPostgres      bool // run the server's tools as the postgres user (the test runs as root)
}

// newPrivatePostgres makes and starts the server, or skips the test when
// PostgreSQL's programs are not installed (failing under CI, where they are).
func newPrivatePostgres(t *testing.T) *privatePostgres {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal("PostgreSQL's programs (initdb, pg_ctl) are not installed, and CI is set")
		}
		t.Skip("PostgreSQL's programs (initdb, pg_ctl) are not installed")
	}
	dir, err := os.MkdirTemp("", "hearth-pgcrash-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	p := &privatePostgres{bin: filepath.Dir(bins[len(bins)-1]), data: filepath.Join(dir, "data"), sock: dir}
	if u, err := user.Current(); err == nil && u.Uid == "0" {
		// initdb refuses root: the folder goes to the postgres user.
		pg, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root with no postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		p.asPostgres = true
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	p.run(t, "initdb", "-D", p.data, "-A", "trust", "-U", "postgres")
	p.start(t)
	t.Cleanup(func() { p.tool("pg_ctl", "-D", p.data, "-m", "immediate", "stop").Run() })
	return p
}

func (p *privatePostgres) tool(name string, args ...string) *exec.Cmd {
	path := filepath.Join(p.bin, name)
	if p.asPostgres {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (p *privatePostgres) run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := p.tool(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func (p *privatePostgres) start(t *testing.T) {
	t.Helper()
	p.run(t, "pg_ctl", "-D", p.data, "-w", "-l", filepath.Join(p.sock, "log"),
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", p.port, p.sock), "start")
}

// crash stops the server in immediate mode: no checkpoint, no clean
// shutdown of connections, as if the machine had lost its database.
func (p *privatePostgres) crash(t *testing.T) {
	p.run(t, "pg_ctl", "-D", p.data, "-m", "immediate", "stop")
}

func (p *privatePostgres) dsn() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port)
}

// TestCrashPostgres: writers create and change records through the API of
// a Hearth server on PostgreSQL while the database server itself is
// stopped in immediate mode mid-load, three times, and started again
// (Hearth keeps running and reconnects). Afterwards the run verifies
// (crashRun.verify): every acknowledged write is there, with its settled
// access-log line, and nothing is half-written.
func TestCrashPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("crashes a database server")
	}
	writers := crashSetting("HEARTH_CRASH_WRITERS", 200)
	kills := crashSetting("HEARTH_CRASH_KILLS", 3)
	pg := newPrivatePostgres(t)
	token := crashUser(t, pg.dsn())
	_, base := startHearth(t, pg.dsn())
	var run crashRun
	ctx, cancel := context.WithCancel(context.Background())
	wait := run.load(ctx, t, base, token, 0, writers)
	for range kills {
		time.Sleep(time.Duration(500+rand.IntN(1500)) * time.Millisecond)
		pg.crash(t)
		time.Sleep(300 * time.Millisecond)
		pg.start(t)
	}
	time.Sleep(time.Second) // writes after the last recovery
	cancel()
	wait()
	t.Logf("%d writers, %d database crashes: %d writes tried, %d acknowledged", writers, kills, run.tried, len(run.acks))
	run.verify(t, pg.dsn())
}
