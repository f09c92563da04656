package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFirstParagraph(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"One line.", "One line."},
		{"# Title\n\nWith `<A>` and [a link](https://x) and **bold** and *it* and _it_.\nSecond line.\n\nNext paragraph.", "With <A> and a link and bold and it and it. Second line."},
		{"```xml\n<A/>\n```\n\nAfter the fence.", "After the fence."},
		{"Text then\n```xml\n<A/>\n```", "Text then"},
		{"snake_case_name and a*b*c stay", "snake_case_name and a*b*c stay"},
		{"> quoted\n> more", "quoted more"},
	} {
		if got := firstParagraph(c.in); got != c.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := truncate("short"); got != "short" {
		t.Errorf("truncate short = %q", got)
	}
	long := strings.Repeat("ありがとう word ", 200)
	got := truncate(long)
	if n := utf8.RuneCountInString(got); n > 1024 || n < 900 || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Errorf("truncate long: %d characters, %q...", n, got[len(got)-20:])
	}
}

func TestArtifact(t *testing.T) {
	for _, c := range []struct{ in, uri, base string }{
		{"profiles/user.xml", "profiles/user.xml", "%SRCROOT%"},
		{"./a b/ü#?%.xml", "a%20b/%C3%BC%23%3F%25.xml", "%SRCROOT%"},
		{"c:d.xml", "c%3Ad.xml", "%SRCROOT%"},
		{`dir\x.xml`, "dir/x.xml", "%SRCROOT%"},
		{"../up/x.xml", "../up/x.xml", "%SRCROOT%"},
		{"/abs/x y.xml", "file:///abs/x%20y.xml", ""},
		{"D:/data/x.xml", "file:///D:/data/x.xml", ""},
	} {
		a := artifactOf(c.in)
		if a.URI != c.uri || a.URIBaseID != c.base {
			t.Errorf("artifactOf(%q) = %+v, want %q %q", c.in, a, c.uri, c.base)
		}
	}
}

func TestSemver(t *testing.T) {
	for in, want := range map[string]string{
		"0.1.0": "0.1.0", "v1.2.3": "1.2.3", "v0.0.0-20250101120000-abcdef123456": "0.0.0-20250101120000-abcdef123456",
		"(devel)": devVersion, "": devVersion, "1.2": devVersion, "v1.2.3+dirty": "1.2.3+dirty",
	} {
		if got := semver(in); got != want {
			t.Errorf("semver(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPredicts(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"13801"}, "Windows error 13801"},
		{[]string{"13801", "0x80070040"}, "Windows errors 13801, 0x80070040"},
		{[]string{"oops"}, oopsLoop},
		{[]string{"812", "oops"}, "Windows error 812 and " + oopsLoop},
	} {
		if got := predicts(c.in, identity); got != c.want {
			t.Errorf("predicts(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMdInline(t *testing.T) {
	for in, want := range map[string]string{
		"set <A> to `<B>` & go":  "set &lt;A&gt; to `<B>` &amp; go",
		"a_b *c* [d]":            `a\_b \*c\* \[d\]`,
		"lone ` tick":            "lone \\` tick",
		"``code ` with tick``":   "``code ` with tick``",
		"plain kebab-name 13801": "plain kebab-name 13801",
	} {
		if got := mdInline(in); got != want {
			t.Errorf("mdInline(%q) = %q, want %q", in, got, want)
		}
	}
}
