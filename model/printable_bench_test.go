package model

import "testing"

// Printable and NeedsEscaping run on every cell the tables draw (the
// review draws up to 200,000 rows): the common ASCII name must stay as
// cheap as a scan of its bytes.
var benchNames = map[string]string{
	"ascii": "ci-prod-deploy-token-2026-eu-west",
	"latin": "Zoë Ångström déploiement",
	"cjk":   "日本語のトークン名前テスト",
	"odd":   "ci-\u200bprod\x1b[2J",
}

var benchSink bool

func BenchmarkNeedsEscaping(b *testing.B) {
	for _, kind := range []string{"ascii", "latin", "cjk", "odd"} {
		s := benchNames[kind]
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				benchSink = NeedsEscaping(s)
			}
		})
	}
}

var benchOut string

func BenchmarkPrintable(b *testing.B) {
	for _, kind := range []string{"ascii", "latin", "cjk", "odd"} {
		s := benchNames[kind]
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				benchOut = Printable(s)
			}
		})
	}
}
