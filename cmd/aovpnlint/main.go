// Command aovpnlint lints Windows Always On VPN deployments: VPNv2 ProfileXML
// with its EAP configuration, wherever it is kept. See README.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
