// Command benchgen writes the synthetic estate of make bench (see
// internal/benchgen): benchgen -out DIR -profiles N -certs N -irrelevant N
// -seed S, or benchgen -out DIR -tree N for a tree of N small files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/aovpnlint/aovpnlint/internal/benchgen"
)

func main() {
	out := flag.String("out", "", "folder to write into (created)")
	profiles := flag.Int("profiles", 2000, "VPN profiles, spread over all containers")
	certs := flag.Int("certs", 2000, "certificates, CAs included")
	irrelevant := flag.Int("irrelevant", 2000, "files that hold neither")
	tree := flag.Int("tree", 0, "write a tree of this many small files instead (mostly irrelevant, some profiles and certificates)")
	seed := flag.Uint64("seed", 1, "seed: the same seed writes the same bytes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "benchgen: -out DIR is required")
		os.Exit(2)
	}
	var (
		st  benchgen.Stats
		err error
	)
	if *tree > 0 {
		st, err = benchgen.GenerateTree(*out, *tree, *seed)
	} else {
		st, err = benchgen.Generate(*out, benchgen.Options{Profiles: *profiles, Certs: *certs, Irrelevant: *irrelevant, Seed: *seed})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d bytes: %d profiles, %d certificates, %d irrelevant\n", st.Files, st.Bytes, st.Profiles, st.Certs, st.Irrelevant)
}
