module github.com/aovpnlint/aovpnlint

go 1.26
