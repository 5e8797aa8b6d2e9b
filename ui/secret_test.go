package ui

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/sonartoken/sonartoken/client"
	"github.com/sonartoken/sonartoken/model"
)

// TestSecretDroppedAfterClose checks that once the reveal is closed no
// part of the model, nor its view, holds the value.
func TestSecretDroppedAfterClose(t *testing.T) {
	t.Parallel()
	for _, closeKeys := range [][]string{{"c", "esc"}, {"esc", "enter"}, {"c", "enter"}} {
		f := newFake()
		m := newModel(t, f, &fakeClipboard{}, 100, 30)
		m = press(m, "n")
		m = typeText(m, "secret-check")
		m = press(m, "enter")
		value := "squ_0000000000000000000000000000000000000001"
		if !holds(reflect.ValueOf(&m).Elem(), value, map[uintptr]bool{}) {
			t.Fatal("the search does not find the value while shown: the test is blind")
		}
		m = press(m, closeKeys...)
		if m.Mode() != ModeTable {
			t.Fatalf("%v: mode %v", closeKeys, m.Mode())
		}
		if strings.Contains(m.View(), value) {
			t.Fatal("the view still shows the value")
		}
		if strings.Contains(fmtAll(m), value) {
			t.Fatal("the formatted model holds the value")
		}
		if holds(reflect.ValueOf(&m).Elem(), value, map[uintptr]bool{}) {
			t.Fatalf("%v: the model still holds the value", closeKeys)
		}
	}
}

// holds searches v deeply, unexported fields and model.Secret included.
func holds(v reflect.Value, needle string, seen map[uintptr]bool) bool {
	if !v.IsValid() {
		return false
	}
	if v.CanAddr() {
		v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem() // readable
	}
	switch v.Type() {
	case reflect.TypeOf(&fakeClipboard{}):
		return false // the test's clipboard keeps what it was given, as a clipboard does
	case reflect.TypeOf(&client.Client{}), reflect.TypeOf(&fakeService{}):
		// The service is the injected dependency, not the console's state;
		// its HTTP buffers are the transport's business (and read here would
		// race with its connection goroutines).
		return false
	}
	if v.Type() == reflect.TypeOf(model.Secret{}) {
		if v.CanInterface() {
			return strings.Contains(v.Interface().(model.Secret).Reveal(), needle)
		}
		return false
	}
	switch v.Kind() {
	case reflect.String:
		return strings.Contains(v.String(), needle)
	case reflect.Ptr, reflect.Interface:
		if v.IsNil() {
			return false
		}
		if v.Kind() == reflect.Ptr {
			if seen[v.Pointer()] {
				return false
			}
			seen[v.Pointer()] = true
		}
		e := v.Elem()
		if !e.CanAddr() {
			c := reflect.New(e.Type()).Elem()
			c.Set(e)
			e = c
		}
		return holds(e, needle, seen)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if holds(v.Field(i), needle, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Int32 {
			return strings.Contains(string(v.Interface().([]rune)), needle)
		}
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return strings.Contains(string(v.Bytes()), needle)
		}
		for i := 0; i < v.Len(); i++ {
			if holds(v.Index(i), needle, seen) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			k, val := reflect.New(it.Key().Type()).Elem(), reflect.New(it.Value().Type()).Elem()
			k.Set(it.Key())
			val.Set(it.Value())
			if holds(k, needle, seen) || holds(val, needle, seen) {
				return true
			}
		}
	}
	return false
}
