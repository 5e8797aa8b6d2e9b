package client

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy bounds the retries of idempotent requests.
type RetryPolicy struct {
	Max        int           // retries after the first attempt; -1 disables (default 3)
	Base       time.Duration // first backoff (default 200ms), doubled each time
	Cap        time.Duration // longest single wait (default 5s)
	MaxElapsed time.Duration // no retry would end later than this (default 15s)
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Max == 0 {
		p.Max = 3
	}
	if p.Max < 0 {
		p.Max = 0
	}
	if p.Base <= 0 {
		p.Base = 200 * time.Millisecond
	}
	if p.Cap <= 0 {
		p.Cap = 5 * time.Second
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = 15 * time.Second
	}
	return p
}

// backoff waits the server's Retry-After, else equal jitter over an exponential ceiling.
func (p RetryPolicy) backoff(attempt int, after time.Duration) time.Duration {
	if after > 0 {
		return after
	}
	ceiling := p.Base << attempt
	if ceiling > p.Cap || ceiling <= 0 {
		ceiling = p.Cap
	}
	return ceiling/2 + rand.N(ceiling/2+1)
}

// retryable: no answer, a temporary status, or a 500 (SonarQube's passing failure).
func retryable(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && (ae.Temporary() || ae.Status == http.StatusInternalServerError)
}

func retryAfter(r *response) time.Duration {
	if r == nil {
		return 0
	}
	v := r.header.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
