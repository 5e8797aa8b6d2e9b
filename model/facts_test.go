package model

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// randomToken draws a token whose dates fall near now, at day and hour
// boundaries, in other zones, or far outside the Facts' range.
func randomToken(r *rand.Rand, now time.Time) Token {
	zones := []*time.Location{time.UTC, time.FixedZone("+01", 3600), time.FixedZone("-0930", -34200), time.FixedZone("+14", 14*3600)}
	date := func() *time.Time {
		var t time.Time
		switch r.IntN(8) {
		case 0:
			return nil
		case 1: // out of range
			t = []time.Time{{}, time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC),
				time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}[r.IntN(4)]
		case 2: // a midnight
			t = time.Date(now.Year(), now.Month(), now.Day()+r.IntN(200)-100, 0, 0, 0, 0, zones[r.IntN(len(zones))])
		case 3: // one hour past a midnight
			t = time.Date(now.Year(), now.Month(), now.Day()+r.IntN(200)-100, 1, 0, 0, 0, zones[r.IntN(len(zones))])
		case 4: // right at now, or a window away
			t = now.Add([]time.Duration{0, -1, 1, 7 * 24 * time.Hour, 90 * 24 * time.Hour, -90 * 24 * time.Hour}[r.IntN(6)])
		default:
			t = now.Add(time.Duration(r.Int64N(int64(800*24*time.Hour))) - 400*24*time.Hour).In(zones[r.IntN(len(zones))])
		}
		return &t
	}
	t := Token{Login: []string{"ann", "bob", ""}[r.IntN(3)], Name: "t",
		Type: []TokenType{TypeUnknown, TypeUser, TypeGlobal, TypeProject, "ODD"}[r.IntN(5)], Expired: r.IntN(10) == 0}
	if c := date(); c != nil {
		t.CreatedAt = *c
	}
	t.LastUsed, t.ExpiresAt = date(), date()
	if r.IntN(3) == 0 {
		t.Owner = &OwnerActivity{LastSignIn: date()}
	}
	return t
}

// A FilterMatcher answers as ReviewFilter.Match, and its Bucket and a
// ChartCounter as BucketOf and ExpiryChart.Add, for every filter and
// token drawn, at instants in and out of the Facts' range.
func TestFilterMatcherAgreesWithMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	nows := []time.Time{time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 23, 59, 59, 999, time.FixedZone("+02", 7200)),
		time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, now := range nows {
		ts := make([]Token, 3000)
		for i := range ts {
			ts[i] = randomToken(r, now)
		}
		counter, all := NewChartCounter(now), NewChartCounter(now)
		xs := make([]Facts, len(ts))
		for i := range ts {
			xs[i] = FactsOf(&ts[i])
			counter.Add(&ts[i], &xs[i])
		}
		all.AddRows(ts, xs, nil, nil)
		if got, want := counter.Chart(), ChartOf(ts, now); !reflect.DeepEqual(got, want) {
			t.Errorf("at %v the counter's chart is %+v, want %+v", now, got, want)
		}
		if got, want := all.Chart(), ChartOf(ts, now); !reflect.DeepEqual(got, want) {
			t.Errorf("at %v AddRows of every row counts %+v, want %+v", now, got, want)
		}
		for range 300 {
			f := ReviewFilter{
				Type:             []TokenType{TypeUnknown, TypeUser, TypeGlobal, TypeProject, "ODD"}[r.IntN(5)],
				Login:            []string{"", "ann"}[r.IntN(2)],
				NeverUsed:        r.IntN(4) == 0,
				UnusedFor:        []time.Duration{0, 0, 90 * 24 * time.Hour, time.Hour}[r.IntN(4)],
				ExpiringWithin:   []time.Duration{0, 7 * 24 * time.Hour, 30 * 24 * time.Hour}[r.IntN(3)],
				Bucket:           Bucket(r.IntN(int(BucketNoExpiration) + 1)),
				OwnerInactiveFor: []time.Duration{0, 0, 30 * 24 * time.Hour}[r.IntN(3)],
			}
			if r.IntN(2) == 0 {
				f.Statuses = []Status{Status(r.IntN(4))}
			}
			m := f.At(now)
			in := make([]uint64, (len(ts)+63)/64)
			want := NewExpiryChart()
			for i := range ts {
				if r.IntN(3) != 0 {
					in[i>>6] |= 1 << (i & 63)
					if f.Match(ts[i], now) {
						want.Add(&ts[i], now)
					}
				}
			}
			xs := make([]Facts, len(ts))
			for i := range ts {
				xs[i] = FactsOf(&ts[i])
			}
			rows := NewChartCounter(now)
			rows.AddRows(ts, xs, in, m)
			if got := rows.Chart(); !reflect.DeepEqual(got, want) {
				t.Fatalf("at %v, filter %+v: AddRows counts %+v, want %+v", now, f, got, want)
			}
			for i := range ts {
				x := FactsOf(&ts[i])
				if got, want := m.Match(&ts[i], &x), f.Match(ts[i], now); got != want {
					t.Fatalf("at %v, filter %+v, token %+v: Match %v, want %v", now, f, ts[i], got, want)
				}
				if got, want := m.Bucket(&ts[i], &x), ts[i].BucketOf(now); got != want {
					t.Fatalf("at %v, token %+v: Bucket %v, want %v", now, ts[i], got, want)
				}
			}
		}
	}
}
