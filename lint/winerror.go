package lint

// WindowsError is a client-side error that rules predict, as Windows shows it
// in the RasClient event log or the connection dialog.
type WindowsError struct {
	Code    string   // as rules cite it: "13801", "0x800B0109", "oops"
	Symbol  string   // Win32 or HRESULT name, when there is one
	Title   string   // what Windows says
	Meaning string   // what it means for Always On VPN
	Causes  []string // the likely causes
	// InSeed is set for the errors of Microsoft's Always On VPN
	// troubleshooting guide, the document aovpnlint started from.
	InSeed bool
}
