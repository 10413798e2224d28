package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/redis/go-redis/v9"

	"ctocoach/store"
)

// Dump returns every key under the store's prefix with its whole value,
// whatever its type, as one string per key: for tests that prove a value
// (an anonymous author) is stored nowhere.
func Dump(tb testing.TB, s *store.Store) map[string]string {
	tb.Helper()
	ctx := context.Background()
	rdb := s.Client()
	out := map[string]string{}
	iter := rdb.Scan(ctx, 0, s.Prefix()+"*", 200).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		var val any
		var err error
		switch typ := rdb.Type(ctx, key).Val(); typ {
		case "string":
			val, err = rdb.Get(ctx, key).Result()
		case "hash":
			val, err = rdb.HGetAll(ctx, key).Result()
		case "list":
			val, err = rdb.LRange(ctx, key, 0, -1).Result()
		case "set":
			val, err = rdb.SMembers(ctx, key).Result()
		case "zset":
			val, err = rdb.ZRangeWithScores(ctx, key, 0, -1).Result()
		case "stream":
			val, err = rdb.XRange(ctx, key, "-", "+").Result()
		case "none":
			continue // expired between SCAN and TYPE
		default:
			tb.Fatalf("key %s has type %q, which this dump does not read", key, typ)
		}
		if errors.Is(err, redis.Nil) {
			continue // expired between TYPE and the read (a lock, a seen marker)
		}
		if err != nil {
			tb.Fatalf("read %s: %v", key, err)
		}
		out[key] = fmt.Sprint(val)
	}
	if err := iter.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}
