package lint

// NPSReason is an NPS Reason-Code, as the NPS log and the Security event log
// (events 6272/6273) record it.
type NPSReason struct {
	Code    int
	Name    string // the IAS_ symbol, when one is known
	Meaning string // what NPS means by it
	Cause   string // the Always On VPN problem it usually points to; "" when none is known
	// Unverified is set for entries whose meaning no reliable source confirms.
	Unverified bool
}
