package load

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// Decode turns a file's bytes into UTF-8 text. It honours a UTF-8 or UTF-16
// byte order mark, recognises BOM-less UTF-16 by its zero bytes, and reads
// anything else that is not valid UTF-8 as Windows-1252, the code page of
// Windows PowerShell's Set-Content. Line endings are kept: positions count
// lines in the file as the user sees it.
func Decode(b []byte) (text []byte, encoding string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return validUTF8(b[3:]), "utf-8-bom"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return utf16ToUTF8(b[2:], false), "utf-16le"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return utf16ToUTF8(b[2:], true), "utf-16be"
	}
	if le, be := zeroBytes(b); le {
		return utf16ToUTF8(b, false), "utf-16le"
	} else if be {
		return utf16ToUTF8(b, true), "utf-16be"
	}
	if utf8.Valid(b) {
		return b, "utf-8"
	}
	return windows1252(b), "windows-1252"
}

// zeroBytes guesses BOM-less UTF-16 from the first 512 bytes: mostly zero odd
// bytes is ASCII text in UTF-16LE, mostly zero even bytes UTF-16BE.
func zeroBytes(b []byte) (le, be bool) {
	n := min(len(b), 512) &^ 1
	if n < 8 {
		return false, false
	}
	var odd, even int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return odd*10 >= half*9 && even == 0, even*10 >= half*9 && odd == 0
}

func utf16ToUTF8(b []byte, bigEndian bool) []byte {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// validUTF8 returns b, or its Windows-1252 reading when it is not UTF-8 after all.
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return windows1252(b)
}

// cp1252 maps the bytes 0x80-0x9F, where Windows-1252 differs from Latin-1.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func windows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}
