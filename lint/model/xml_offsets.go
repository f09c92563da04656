package model

// Offsets returns where the element sits in its source text: the offset of
// its start tag's '<', the offset after the start tag's '>', and the offset
// after its end tag's '>' (the start tag's end for <a/>). A container that
// carries a document inside an element (SyncML <Data>) slices the source
// with them.
func (n *Node) Offsets() (start, tagEnd, end int) {
	if n == nil {
		return 0, 0, 0
	}
	return n.start, n.tagEnd, n.end
}
