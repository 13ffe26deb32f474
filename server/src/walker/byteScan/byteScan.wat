;; The two byte checks the CLI runs on every file before decoding it, in WebAssembly with 128-bit
;; SIMD: the JavaScript versions (walker/prefilter.ts `mayContainSecrets`, walker/binarySniff.ts
;; `looksBinary`) cost most of the scan's time outside the engine because they loop in JavaScript.
;; `mayContainSecrets` has two parts here: may_contain_secrets (the plain-text patterns) and
;; next_long_base64_run (the long base64 runs in which the caller looks for the base64 anchor forms
;; with prefilter.ts's own code).
;; Each function here must give exactly the answer of its JavaScript twin on every input; the
;; property tests in test/unit/walker/byteScan.test.ts compare them. When prefilter.ts changes, this
;; file changes with it (then `npm run build:wasm`).
;;
;; Compiled by scripts/build-wasm.mjs into byteScanWasm.ts. The module owns no memory of its own: no
;; data segment and no stack, so the caller (walker/byteScan/index.ts) may put file bytes anywhere in
;; the memory. Every function reads only [ptr, ptr + len): bytes around the input may hold anything,
;; and a pattern cut off by either end of the input does not match, as in the JavaScript.
;; One file over 400 lines on purpose: scripts/build-wasm.mjs compiles this one text into the one
;; module the scanner instantiates.
(module
  ;; One page to start with; the caller grows it to the largest input it has seen.
  (memory (export "memory") 1)

  ;; Constant vectors are globals declared mutable (nothing ever writes them) for speed alone: V8
  ;; then loads each once, before a loop. A true constant it rematerialises at every use inside the
  ;; loop (three instructions per splat), which made the loops below about twice as slow.

  ;; ---------------------------------------------------------------------------------------------
  ;; may_contain_secrets: 1 when the bytes hold one of prefilter.ts's patterns, else 0.
  ;;
  ;; Every pattern holds a pair of adjacent bytes (its anchor) that is rare in text:
  ;;   g/G then `=`, `%` or `\`   sig=  sig%3d  sig\u003d       prefilter: endsWithWord(…, 'sig')
;;   d/D then `%`               %3d%3d@ (an encoded key's end) prefilter: encodedKeyPasswordEnd
  ;;   c/C then c/C               accountkey, sharedaccesskey   prefilter: keyWord
  ;;                              sharedaccesssignature         prefilter: sharedAccessSignature
  ;;   `=` then `=`               an account key's end          prefilter: keyEndsAt
  ;;   `+` then `A`               +ASt                          (case-sensitive, like indexOf)
  ;;   c then K                   SymmetricKeySigningMechanism  (case-sensitive, like indexOf)
  ;;   C4 then B0                 U+0130 in UTF-8
  ;;   E2 then 84                 U+212A in UTF-8 (E2 84 AA)
  ;; The three words share the `cc` of "acc", at a fixed distance from their start; the `gn` and `ke`
  ;; the JavaScript searches for are far more common in code (sign, assign, token, make).
  ;;
  ;; The SIMD loop finds the blocks of 16 positions where an anchor pair starts, and only there the
  ;; exact rule is checked, in scalar code ($pattern_at). Anchors are only a filter: $pattern_at
  ;; checks the pair again with everything around it.
  ;;
  ;; Finding the pairs (the "Teddy" technique of Hyperscan and ripgrep): each byte gets two 8-bit
  ;; class masks, one for the byte as the first of a pair, one as the second, from two 16-entry
  ;; tables indexed by its low and its high nibble (i8x16.swizzle): class = low_table[byte & 15] &
  ;; high_table[byte >> 4]. Bit k stands for anchor group k:
  ;;   bit 0  g/G or `=` then `=`   bit 4  c then K
  ;;   bit 1  g/G or d/D then `%`   bit 5  `+` then `A`
  ;;   bit 2  g/G then `\`          bit 6  C4 then B0
  ;;   bit 3  c/C then c/C          bit 7  E2 then 84
  ;; A pair (a, b) is a candidate when first_class(a) & second_class(b) is not zero. A group's bytes
  ;; are a product of low and high nibble sets (g/G = low 7 x high {4, 6}). Group 0 holds the two
  ;; anchors that end in `=` (`g=`, `G=`, `==`) so that group 4 could take `cK`: its first bytes,
  ;; low {7, d} x high {3, 4, 6}, also flag `7=`, `M=` and `m=`, which $pattern_at turns down (they
  ;; cost a scalar check where they occur, and are rare). Every other group flags exactly its own
  ;; pairs. This costs four table look-ups per 16 bytes where comparing with each of the 15 byte
  ;; values would cost some thirty operations.
  ;; ---------------------------------------------------------------------------------------------

  (global $low_nibble (mut v128) (v128.const i8x16 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f 0x0f))
  ;; First byte of a pair. Low nibble: 2 → E2, 3 → c (groups 3 and 4), 4 → C4 and d (group 1), 7 → g,
  ;; b → +, d → =.
  (global $first_by_low (mut v128) (v128.const i8x16 0x00 0x00 0x80 0x18 0x42 0x00 0x00 0x07 0x00 0x00 0x00 0x20 0x00 0x01 0x00 0x00))
  ;; High nibble: 2 → +, 3 → =, 4 → G, C and D, 6 → g, c and d (and c of group 4), c → C4, e → E2.
  (global $first_by_high (mut v128) (v128.const i8x16 0x00 0x00 0x20 0x01 0x0f 0x00 0x1f 0x00 0x00 0x00 0x00 0x00 0x40 0x00 0x80 0x00))
  ;; Second byte. Low nibble: 0 → B0, 1 → A, 3 → c, 4 → 84, 5 → %, b → K, c → \, d → =.
  (global $second_by_low (mut v128) (v128.const i8x16 0x40 0x20 0x00 0x08 0x80 0x02 0x00 0x00 0x00 0x00 0x00 0x10 0x04 0x01 0x00 0x00))
  ;; High nibble: 2 → %, 3 → =, 4 → C, A and K, 5 → \, 6 → c, 8 → 84, b → B0.
  (global $second_by_high (mut v128) (v128.const i8x16 0x00 0x00 0x02 0x01 0x38 0x04 0x08 0x00 0x80 0x00 0x00 0x40 0x00 0x00 0x00 0x00))

  (func $may_contain_secrets (export "may_contain_secrets") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32)
    (local $i i32)
    (local $remaining i32)
    (local $first v128)
    (local $second v128)
    (local $pairs v128)
    (local $low_nibble v128)
    (local $first_by_low v128)
    (local $first_by_high v128)
    (local $second_by_low v128)
    (local $second_by_high v128)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (local.set $i (local.get $ptr))

    ;; A block needs 17 bytes (its 16 pairs' second bytes reach i + 16). Shorter inputs: every pair,
    ;; one at a time.
    (if (i32.lt_u (local.get $len) (i32.const 17))
      (then
        (block $short_done
          (loop $short
            (br_if $short_done (i32.lt_u (i32.sub (local.get $end) (local.get $i)) (i32.const 2)))
            (if (call $pattern_at (local.get $i) (local.get $ptr) (local.get $end))
              (then (return (i32.const 1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $short)))
        (return (i32.const 0))))

    (local.set $low_nibble (global.get $low_nibble))
    (local.set $first_by_low (global.get $first_by_low))
    (local.set $first_by_high (global.get $first_by_high))
    (local.set $second_by_low (global.get $second_by_low))
    (local.set $second_by_high (global.get $second_by_high))
    (loop $blocks
      ;; The pairs starting at i .. i + 15: first bytes [i, i + 16), second bytes [i + 1, i + 17).
      (local.set $first (v128.load align=1 (local.get $i)))
      (local.set $second (v128.load offset=1 align=1 (local.get $i)))
      ;; i16x8.shr_u then & 0x0f: the high nibble of each byte (wasm has no cheap 8-bit shift).
      (local.set $pairs
        (v128.and
          (v128.and
            (i8x16.swizzle (local.get $first_by_low) (v128.and (local.get $first) (local.get $low_nibble)))
            (i8x16.swizzle (local.get $first_by_high)
              (v128.and (i16x8.shr_u (local.get $first) (i32.const 4)) (local.get $low_nibble))))
          (v128.and
            (i8x16.swizzle (local.get $second_by_low) (v128.and (local.get $second) (local.get $low_nibble)))
            (i8x16.swizzle (local.get $second_by_high)
              (v128.and (i16x8.shr_u (local.get $second) (i32.const 4)) (local.get $low_nibble))))))
      ;; Most blocks of text hold no anchor: one test, and on to the next block.
      (if (v128.any_true (local.get $pairs))
        (then
          (if (call $block_matches (local.get $i) (local.get $pairs) (local.get $ptr) (local.get $end))
            (then (return (i32.const 1))))))
      ;; Bytes from the next block's start to the end. When they cannot fill a block, the last block
      ;; is moved back to end at the input's end: it re-reads a few pairs already checked (harmless,
      ;; the check is exact) instead of leaving up to 16 positions to a scalar loop.
      (local.set $remaining (i32.sub (local.get $end) (i32.add (local.get $i) (i32.const 16))))
      (if (i32.ge_u (local.get $remaining) (i32.const 17))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $blocks)))
      ;; Fewer than two bytes left means no pair starts after this block.
      (if (i32.ge_u (local.get $remaining) (i32.const 2))
        (then
          (local.set $i (i32.sub (local.get $end) (i32.const 17)))
          (br $blocks))))
    (i32.const 0))

  ;; Whether an anchor flagged in `pairs` (the block's class masks, non-zero lanes) starts a pattern.
  ;; Lanes are visited lowest first: bit j of the bitmask is the pair starting at block + j.
  (func $block_matches (param $block i32) (param $pairs v128) (param $start i32) (param $end i32) (result i32)
    (local $candidates i32)
    ;; bitmask reads each lane's top bit; class masks can be any non-zero byte, hence eq 0 and invert.
    (local.set $candidates
      (i32.xor
        (i8x16.bitmask (i8x16.eq (local.get $pairs) (v128.const i64x2 0 0)))
        (i32.const 0xffff)))
    (block $done
      (loop $each_candidate
        (br_if $done (i32.eqz (local.get $candidates)))
        (if (call $pattern_at
              (i32.add (local.get $block) (i32.ctz (local.get $candidates)))
              (local.get $start)
              (local.get $end))
          (then (return (i32.const 1))))
        ;; Clear the lowest set bit.
        (local.set $candidates
          (i32.and (local.get $candidates) (i32.sub (local.get $candidates) (i32.const 1))))
        (br $each_candidate)))
    (i32.const 0))

  ;; Whether a pattern has its anchor pair at p (the bytes at p and p + 1, both inside [start, end)).
  ;; Mirrors prefilter.ts rule by rule. Before each multi-byte comparison it checks that every byte it
  ;; loads lies inside [start, end), as the JavaScript's endsWithWord/startsWithWord/indexOf never
  ;; look outside the buffer. Words are compared 2, 4 or 8 bytes at a time: the constants are the
  ;; lower-case bytes in little-endian order, and OR-ing the loaded bytes with 0x20 per byte
  ;; lower-cases letters exactly like `| 0x20` in prefilter.ts (it also maps some non-letters onto
  ;; other non-letters, the same in both).
  (func $pattern_at (param $p i32) (param $start i32) (param $end i32) (result i32)
    (local $pair i32)
    (local $second i32)
    (local $before i32)
    (local $after i32)
    (local.set $pair (i32.load16_u align=1 (local.get $p)))
    (local.set $second (i32.shr_u (local.get $pair) (i32.const 8)))
    ;; bytes of the input before p, and from p (included) to the end
    (local.set $before (i32.sub (local.get $p) (local.get $start)))
    (local.set $after (i32.sub (local.get $end) (local.get $p)))

    ;; `sig` right before `=`, `%` or `\` (the g at p, the follower at p + 1): "si" at p - 2.
    (if (i32.eq (i32.or (i32.and (local.get $pair) (i32.const 0xff)) (i32.const 0x20)) (i32.const 0x67))
      (then
        (if (i32.or
              (i32.or
                (i32.eq (local.get $second) (i32.const 0x3d))
                (i32.eq (local.get $second) (i32.const 0x25)))
              (i32.eq (local.get $second) (i32.const 0x5c)))
          (then
            (if (i32.ge_u (local.get $before) (i32.const 2))
              (then
                (if (i32.eq
                      (i32.or (i32.load16_u align=1 (i32.sub (local.get $p) (i32.const 2))) (i32.const 0x2020))
                      (i32.const 0x6973)) ;; "si"
                  (then (return (i32.const 1))))))))))

    ;; `cc`: the second and third bytes of "accountkey", the eighth and ninth of "sharedaccesskey"
    ;; and of "sharedaccesssignature".
    (if (i32.eq (i32.or (local.get $pair) (i32.const 0x2020)) (i32.const 0x6363))
      (then
        ;; "accountkey" from p - 1 to p + 8.
        (if (i32.and (i32.ge_u (local.get $before) (i32.const 1)) (i32.ge_u (local.get $after) (i32.const 9)))
          (then
            (if (i32.and
                  (i64.eq ;; "accountk" at p - 1
                    (i64.or (i64.load align=1 (i32.sub (local.get $p) (i32.const 1))) (i64.const 0x2020202020202020))
                    (i64.const 0x6b746e756f636361))
                  (i32.eq ;; "ey" at p + 7
                    (i32.or (i32.load16_u offset=7 align=1 (local.get $p)) (i32.const 0x2020))
                    (i32.const 0x7965)))
              (then (return (i32.const 1))))))
        ;; "sharedaccess" from p - 7 to p + 4, then "key" (to p + 7) or "signature" (to p + 13).
        (if (i32.and (i32.ge_u (local.get $before) (i32.const 7)) (i32.ge_u (local.get $after) (i32.const 8)))
          (then
            (if (i32.and
                  (i64.eq ;; "sharedac" at p - 7
                    (i64.or (i64.load align=1 (i32.sub (local.get $p) (i32.const 7))) (i64.const 0x2020202020202020))
                    (i64.const 0x6361646572616873))
                  (i32.eq ;; "cess" at p + 1
                    (i32.or (i32.load offset=1 align=1 (local.get $p)) (i32.const 0x20202020))
                    (i32.const 0x73736563)))
              (then
                (if (i32.eq ;; "skey" at p + 4: the last s of "access", then "key"
                      (i32.or (i32.load offset=4 align=1 (local.get $p)) (i32.const 0x20202020))
                      (i32.const 0x79656b73))
                  (then (return (i32.const 1))))
                (if (i32.ge_u (local.get $after) (i32.const 14))
                  (then
                    (if (i32.and
                          (i64.eq ;; "signatur" at p + 5
                            (i64.or (i64.load offset=5 align=1 (local.get $p)) (i64.const 0x2020202020202020))
                            (i64.const 0x727574616e676973))
                          (i32.eq ;; "e" at p + 13
                            (i32.or (i32.load8_u offset=13 (local.get $p)) (i32.const 0x20))
                            (i32.const 0x65)))
                      (then (return (i32.const 1))))))))))))

    ;; `==` right after a run of at least 86 base64 characters: prefilter's keyEndsAt, which at an
    ;; `=` followed by `=` looks at the 86 bytes before the first one only, and at the 7 before
    ;; those, which must not be `sha512-` (an integrity digest) when they are inside the input.
    (if (i32.eq (local.get $pair) (i32.const 0x3d3d))
      (then
        (if (i32.ge_u (local.get $before) (i32.const 86))
          (then
            (if (call $all_base64_86 (i32.sub (local.get $p) (i32.const 86)))
              (then
                (if (i32.lt_u (local.get $before) (i32.const 93))
                  (then (return (i32.const 1))))
                (if (i32.eqz
                      (i32.and
                        (i32.eq ;; "sha5" at p - 93
                          (i32.load align=1 (i32.sub (local.get $p) (i32.const 93)))
                          (i32.const 0x35616873))
                        (i32.eq ;; "512-" at p - 90
                          (i32.load align=1 (i32.sub (local.get $p) (i32.const 90)))
                          (i32.const 0x2d323135))))
                  (then (return (i32.const 1))))))))))

    ;; `%3d%3d@` (each d in either case): a percent-encoded account key's padding, then the `@` that
    ;; ends a URL's password (prefilter's encodedKeyPasswordEnd). The pair is the first d and the
    ;; second `%`: "%3" at p - 2, then "3d@" from p + 2.
    (if (i32.eq (i32.or (local.get $pair) (i32.const 0x20)) (i32.const 0x2564))
      (then
        (if (i32.and (i32.ge_u (local.get $before) (i32.const 2)) (i32.ge_u (local.get $after) (i32.const 5)))
          (then
            (if (i32.and
                  (i32.eq (i32.load16_u align=1 (i32.sub (local.get $p) (i32.const 2))) (i32.const 0x3325)) ;; "%3"
                  (i32.and
                    (i32.eq (i32.or (i32.load16_u offset=2 align=1 (local.get $p)) (i32.const 0x2000)) (i32.const 0x6433)) ;; "3d"
                    (i32.eq (i32.load8_u offset=4 (local.get $p)) (i32.const 0x40)))) ;; "@"
              (then (return (i32.const 1))))))))

    ;; `+ASt`, exactly these bytes.
    (if (i32.eq (local.get $pair) (i32.const 0x412b))
      (then
        (if (i32.ge_u (local.get $after) (i32.const 4))
          (then
            (if (i32.eq (i32.load align=1 (local.get $p)) (i32.const 0x7453412b))
              (then (return (i32.const 1))))))))

    ;; `cK` of "SymmetricKeySigningMechanism", exactly these bytes, from p - 8 to p + 20.
    (if (i32.eq (local.get $pair) (i32.const 0x4b63))
      (then
        (if (i32.and (i32.ge_u (local.get $before) (i32.const 8)) (i32.ge_u (local.get $after) (i32.const 20)))
          (then
            (if (i32.and
                  (i32.and
                    (i64.eq (i64.load align=1 (i32.sub (local.get $p) (i32.const 8))) (i64.const 0x697274656d6d7953)) ;; "Symmetri"
                    (i64.eq (i64.load align=1 (local.get $p)) (i64.const 0x6e67695379654b63))) ;; "cKeySign"
                  (i32.and
                    (i64.eq (i64.load offset=8 align=1 (local.get $p)) (i64.const 0x616863654d676e69)) ;; "ingMecha"
                    (i32.eq (i32.load offset=16 align=1 (local.get $p)) (i32.const 0x6d73696e)))) ;; "nism"
              (then (return (i32.const 1))))))))

    ;; C4 B0 (U+0130), and E2 84 AA (U+212A) whose third byte must be inside the input too.
    (if (i32.eq (local.get $pair) (i32.const 0xb0c4))
      (then (return (i32.const 1))))
    (if (i32.eq (local.get $pair) (i32.const 0x84e2))
      (then
        (if (i32.ge_u (local.get $after) (i32.const 3))
          (then
            (if (i32.eq (i32.load8_u offset=2 (local.get $p)) (i32.const 0xaa))
              (then (return (i32.const 1))))))))
    (i32.const 0))

  ;; Whether the 86 bytes from `from` are all base64 (A-Z a-z 0-9 + /): five 16-byte loads, and a
  ;; sixth at offset 70 (overlapping the fifth) for bytes 80..85, so no load passes from + 86.
  (func $all_base64_86 (param $from i32) (result i32)
    (i32.and
      (i32.and
        (i32.and
          (call $all_base64_16 (local.get $from))
          (call $all_base64_16 (i32.add (local.get $from) (i32.const 16))))
        (i32.and
          (call $all_base64_16 (i32.add (local.get $from) (i32.const 32)))
          (call $all_base64_16 (i32.add (local.get $from) (i32.const 48)))))
      (i32.and
        (call $all_base64_16 (i32.add (local.get $from) (i32.const 64)))
        (call $all_base64_16 (i32.add (local.get $from) (i32.const 70))))))

  (func $all_base64_16 (param $at i32) (result i32)
    (local $bytes v128)
    (local.set $bytes (v128.load align=1 (local.get $at)))
    (i8x16.all_true
      (v128.or
        (v128.or
          ;; a letter: lower-cased, then byte - 'a' < 26 unsigned
          (i8x16.lt_u
            (i8x16.sub (v128.or (local.get $bytes) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61)))
            (i8x16.splat (i32.const 26)))
          ;; a digit
          (i8x16.lt_u
            (i8x16.sub (local.get $bytes) (i8x16.splat (i32.const 0x30)))
            (i8x16.splat (i32.const 10))))
        (v128.or
          (i8x16.eq (local.get $bytes) (i8x16.splat (i32.const 0x2b)))    ;; +
          (i8x16.eq (local.get $bytes) (i8x16.splat (i32.const 0x2f))))))) ;; /

  ;; ---------------------------------------------------------------------------------------------
  ;; next_long_base64_run: prefilter.ts's nextLongBase64Run, the run finder of its base64 rule. From
  ;; `pos` (an offset from ptr: where the previous run ended) it visits every 32nd offset p (p + 32
  ;; inside the input) at or after pos; where bytes p .. p + 32 are all base64 (two SIMD blocks and
  ;; one byte), it reads the whole run: back to pos at most, forward to its end and up to two `=`.
  ;; A run of at least 64 base64 bytes: its start is returned and its end (padding included) left in
  ;; $run_end for `run_end()`. A shorter one, or an integrity digest: the search goes on after it.
  ;; None: -1. The caller (walker/byteScan/index.ts) searches each run for the base64 anchor forms.
  ;; ---------------------------------------------------------------------------------------------

  (global $run_end (mut i32) (i32.const 0))

  (func $run_end_export (export "run_end") (result i32)
    (global.get $run_end))

  (func $is_base64 (param $c i32) (result i32)
    (i32.or
      (i32.or
        (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x61)) (i32.const 26))
        (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)))
      (i32.or
        (i32.eq (local.get $c) (i32.const 0x2b))
        (i32.eq (local.get $c) (i32.const 0x2f)))))

  ;; prefilter.ts's isIntegrityDigest: a run of 86 base64 bytes and `==` right after `sha512-` (a
  ;; Subresource Integrity digest: every "integrity" of an npm, Yarn or pnpm lock file), which the
  ;; caller passes over. Passed over here instead, so that a lock file's thousands of digests cost
  ;; no call out to JavaScript each (a package-lock.json's versions in a history were ~0.1 s of it).
  (func $is_integrity_digest (param $ptr i32) (param $start i32) (param $end i32) (result i32)
    (if (i32.ne (i32.sub (local.get $end) (local.get $start)) (i32.const 88))
      (then (return (i32.const 0))))
    (if (i32.lt_u (local.get $start) (i32.const 7))
      (then (return (i32.const 0))))
    (i32.and
      ;; `==`
      (i32.eq (i32.load16_u (i32.add (local.get $ptr) (i32.sub (local.get $end) (i32.const 2)))) (i32.const 0x3d3d))
      ;; the 7 bytes before the run, little-endian: `sha512-` (the eighth byte loaded is the run's first)
      (i64.eq
        (i64.and (i64.load (i32.add (local.get $ptr) (i32.sub (local.get $start) (i32.const 7)))) (i64.const 0x00ffffffffffffff))
        (i64.const 0x2d323135616873))))

  (func $next_long_base64_run (export "next_long_base64_run") (param $ptr i32) (param $len i32) (param $pos i32) (result i32)
    (local $bytes v128)
    (local $p i32)
    (local $start i32)
    (local $data_end i32)
    (local $end i32)
    ;; the first multiple of 32 at or after pos
    (local.set $p (i32.and (i32.add (local.get $pos) (i32.const 31)) (i32.const -32)))
    (block $none
      (loop $strides
        (br_if $none (i32.ge_u (i32.add (local.get $p) (i32.const 32)) (local.get $len)))
        ;; The first 16 bytes alone settle most strides (ordinary text has a space or a stop in
        ;; them): the other 17 are looked at only when those pass. `i32.and` would compute all three.
        ;; The first test is $all_base64_16 written out: this loop visits every 32nd byte of every
        ;; file, and V8 (Node 20) does not inline WebAssembly calls, so the call was a third of it.
        (local.set $bytes (v128.load align=1 (i32.add (local.get $ptr) (local.get $p))))
        (if (if (result i32)
              (i8x16.all_true
                (v128.or
                  (v128.or
                    (i8x16.lt_u
                      (i8x16.sub (v128.or (local.get $bytes) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20))
                                 (v128.const i8x16 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61 0x61))
                      (v128.const i8x16 26 26 26 26 26 26 26 26 26 26 26 26 26 26 26 26))
                    (i8x16.lt_u
                      (i8x16.sub (local.get $bytes) (v128.const i8x16 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30 0x30))
                      (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))
                  (v128.or
                    (i8x16.eq (local.get $bytes) (v128.const i8x16 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b 0x2b))
                    (i8x16.eq (local.get $bytes) (v128.const i8x16 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f 0x2f)))))
              (then
                (i32.and
                  (call $all_base64_16 (i32.add (i32.add (local.get $ptr) (local.get $p)) (i32.const 16)))
                  (call $is_base64 (i32.load8_u offset=32 (i32.add (local.get $ptr) (local.get $p))))))
              (else (i32.const 0)))
          (then
            (local.set $start (local.get $p))
            ;; 16 bytes at a time while they are all base64, then byte by byte (a lock file has a
            ;; run every few dozen bytes: its digests).
            (block $back_blocks_done
              (loop $back_blocks
                (br_if $back_blocks_done (i32.lt_u (local.get $start) (i32.add (local.get $pos) (i32.const 16))))
                (br_if $back_blocks_done
                  (i32.eqz (call $all_base64_16 (i32.add (local.get $ptr) (i32.sub (local.get $start) (i32.const 16))))))
                (local.set $start (i32.sub (local.get $start) (i32.const 16)))
                (br $back_blocks)))
            (block $back_done
              (loop $back
                (br_if $back_done (i32.le_u (local.get $start) (local.get $pos)))
                (br_if $back_done
                  (i32.eqz (call $is_base64 (i32.load8_u (i32.add (local.get $ptr) (i32.sub (local.get $start) (i32.const 1)))))))
                (local.set $start (i32.sub (local.get $start) (i32.const 1)))
                (br $back)))
            (local.set $data_end (i32.add (local.get $p) (i32.const 33)))
            (block $forward_blocks_done
              (loop $forward_blocks
                (br_if $forward_blocks_done (i32.gt_u (i32.add (local.get $data_end) (i32.const 16)) (local.get $len)))
                (br_if $forward_blocks_done
                  (i32.eqz (call $all_base64_16 (i32.add (local.get $ptr) (local.get $data_end)))))
                (local.set $data_end (i32.add (local.get $data_end) (i32.const 16)))
                (br $forward_blocks)))
            (block $forward_done
              (loop $forward
                (br_if $forward_done (i32.ge_u (local.get $data_end) (local.get $len)))
                (br_if $forward_done
                  (i32.eqz (call $is_base64 (i32.load8_u (i32.add (local.get $ptr) (local.get $data_end))))))
                (local.set $data_end (i32.add (local.get $data_end) (i32.const 1)))
                (br $forward)))
            (local.set $end (local.get $data_end))
            (block $padding_done
              (loop $padding
                (br_if $padding_done (i32.ge_u (local.get $end) (local.get $len)))
                (br_if $padding_done (i32.ge_u (i32.sub (local.get $end) (local.get $data_end)) (i32.const 2)))
                (br_if $padding_done (i32.ne (i32.load8_u (i32.add (local.get $ptr) (local.get $end))) (i32.const 0x3d)))
                (local.set $end (i32.add (local.get $end) (i32.const 1)))
                (br $padding)))
            (if (i32.ge_u (i32.sub (local.get $data_end) (local.get $start)) (i32.const 64))
              (then
                (if (i32.eqz (call $is_integrity_digest (local.get $ptr) (local.get $start) (local.get $end)))
                  (then
                    (global.set $run_end (local.get $end))
                    (return (local.get $start))))))
            (local.set $pos (local.get $end))
            (local.set $p (i32.and (i32.add (local.get $pos) (i32.const 31)) (i32.const -32)))
            (br $strides)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $strides)))
    (i32.const -1))

  ;; ---------------------------------------------------------------------------------------------
  ;; looks_binary: binarySniff.ts's looksBinary. Only the first 8192 bytes count; a NUL among them
  ;; means binary; otherwise binary when control bytes (below 0x20 except tab, LF, VT, FF, CR and
  ;; ESC; and DEL) are more than 30% of them. `control * 10 > n * 3` is the JavaScript's
  ;; `control / n > 0.3` without floating point, and agrees with it for every n up to 8192: a ratio
  ;; of exactly 3/10 rounds to the double 0.3, which is not greater than itself, and any larger ratio
  ;; is at least 1/81920 above it, far more than the rounding error.
  ;;
  ;; The JavaScript stops at the first NUL; this keeps the smallest byte seen and tests it at the
  ;; end: the same answer, and no branch per block.
  ;; ---------------------------------------------------------------------------------------------

  (global $splat_e0 (mut v128) (v128.const i8x16 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0 0xe0))
  (global $splat_09 (mut v128) (v128.const i8x16 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09 0x09))
  (global $splat_04 (mut v128) (v128.const i8x16 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04 0x04))
  (global $splat_1b (mut v128) (v128.const i8x16 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b 0x1b))
  (global $splat_7f (mut v128) (v128.const i8x16 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f 0x7f))
  (global $splat_ff (mut v128) (v128.const i8x16 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff 0xff))

  (func $looks_binary (export "looks_binary") (param $ptr i32) (param $len i32) (result i32)
    (local $n i32)
    (local $end i32)
    (local $i i32)
    (local $chunk_end i32)
    (local $control i32)
    (local $byte i32)
    (local $bytes v128)
    (local $from_tab v128)
    (local $lane_counts v128)
    (local $smallest v128)
    (local $high_bits v128)
    (local $tab v128)
    (local $four v128)
    (local $escape v128)
    (local $delete v128)
    (local.set $n
      (select (local.get $len) (i32.const 8192) (i32.lt_u (local.get $len) (i32.const 8192))))
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $ptr) (local.get $n)))
    (local.set $i (local.get $ptr))
    (local.set $high_bits (global.get $splat_e0))
    (local.set $tab (global.get $splat_09))
    (local.set $four (global.get $splat_04))
    (local.set $escape (global.get $splat_1b))
    (local.set $delete (global.get $splat_7f))
    (local.set $smallest (global.get $splat_ff))
    ;; Control bytes are counted per lane in 8-bit counters (one subtraction per block), emptied
    ;; into $control every 255 blocks at most, before a counter could wrap.
    (block $chunks_done
      (loop $chunks
        (br_if $chunks_done (i32.lt_u (i32.sub (local.get $end) (local.get $i)) (i32.const 16)))
        (local.set $chunk_end
          (i32.add (local.get $i)
            (select
              (i32.const 4080) ;; 255 blocks
              (i32.and (i32.sub (local.get $end) (local.get $i)) (i32.const -16))
              (i32.ge_u (i32.sub (local.get $end) (local.get $i)) (i32.const 4080)))))
        (local.set $lane_counts (v128.const i64x2 0 0))
        (loop $blocks
          (local.set $bytes (v128.load align=1 (local.get $i)))
          (local.set $smallest (i8x16.min_u (local.get $smallest) (local.get $bytes)))
          ;; 09..0D: byte - 9 is at most 4 (unsigned), tested as min(byte - 9, 4) == byte - 9.
          (local.set $from_tab (i8x16.sub (local.get $bytes) (local.get $tab)))
          ;; A control lane is all ones (-1): subtracting it counts it.
          (local.set $lane_counts
            (i8x16.sub (local.get $lane_counts)
              (v128.or
                (v128.andnot
                  ;; below 0x20: none of the bits of 0xE0
                  (i8x16.eq (v128.and (local.get $bytes) (local.get $high_bits)) (v128.const i64x2 0 0))
                  ;; but not tab, LF, VT, FF, CR or ESC
                  (v128.or
                    (i8x16.eq (i8x16.min_u (local.get $from_tab) (local.get $four)) (local.get $from_tab))
                    (i8x16.eq (local.get $bytes) (local.get $escape))))
                (i8x16.eq (local.get $bytes) (local.get $delete)))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $blocks (i32.lt_u (local.get $i) (local.get $chunk_end))))
        ;; Sum of the 16 lane counters: widen pairwise twice, then add the four 32-bit lanes.
        (local.set $lane_counts
          (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $lane_counts))))
        (local.set $control
          (i32.add (local.get $control)
            (i32.add
              (i32.add (i32x4.extract_lane 0 (local.get $lane_counts)) (i32x4.extract_lane 1 (local.get $lane_counts)))
              (i32.add (i32x4.extract_lane 2 (local.get $lane_counts)) (i32x4.extract_lane 3 (local.get $lane_counts))))))
        (br $chunks)))
    ;; A NUL in the blocks.
    (if (i32.eqz (i8x16.all_true (local.get $smallest))) (then (return (i32.const 1))))
    ;; The last n mod 16 bytes one at a time, so that nothing past ptr + n is read.
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $byte (i32.load8_u (local.get $i)))
        (if (i32.eqz (local.get $byte)) (then (return (i32.const 1))))
        (if (i32.or
              (i32.and
                (i32.lt_u (local.get $byte) (i32.const 0x20))
                (i32.and
                  (i32.gt_u (i32.sub (local.get $byte) (i32.const 9)) (i32.const 4))
                  (i32.ne (local.get $byte) (i32.const 0x1b))))
              (i32.eq (local.get $byte) (i32.const 0x7f)))
          (then (local.set $control (i32.add (local.get $control) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (i32.gt_u
      (i32.mul (local.get $control) (i32.const 10))
      (i32.mul (local.get $n) (i32.const 3))))
)
