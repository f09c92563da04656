package testpki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // an identifier, not a signature
	"crypto/x509"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
)

// Factory issues certificates outside a test (the benchmark estate generator),
// deterministically from a seed: the same seed and the same sequence of calls
// give the same certificate bytes. Go's crypto packages ignore the random
// source callers pass them, so the Factory derives keys itself (EC keys from
// seeded scalars, RSA keys from seeded primes) and signs deterministically
// (RFC 6979 ECDSA, PKCS #1 v1.5 RSA).
//
// Generating an RSA key takes a while, so end-entity certificates that ask
// for an RSA key take one from a small pool they share (their bytes still
// differ); each CA gets a key of its own. Only "P-256" (default), "P-384" and
// "RSA-2048" keys are supported.
type Factory struct {
	rng     *rand.ChaCha8
	rsaPool []*rsa.PrivateKey
	next    int
}

// NewFactory returns a Factory seeded with seed, with rsaKeys RSA-2048 keys
// in its pool (at least 1).
func NewFactory(seed uint64, rsaKeys int) (*Factory, error) {
	var s [32]byte
	for i := range 4 {
		v := seed + uint64(i)*0x9e3779b97f4a7c15
		for j := range 8 {
			s[i*8+j] = byte(v >> (8 * j)) //nolint:gosec // the low byte, on purpose
		}
	}
	f := &Factory{rng: rand.NewChaCha8(s)}
	for range max(rsaKeys, 1) {
		k, err := seededRSA(f.rng, 2048)
		if err != nil {
			return nil, err
		}
		f.rsaPool = append(f.rsaPool, k)
	}
	return f, nil
}

// Root returns a self-signed root CA.
func (f *Factory) Root(spec Spec) (*Cert, error) {
	spec.CA = true
	return f.Issue(nil, spec)
}

// Issue returns a certificate built from spec, issued by parent (self-signed
// when parent is nil).
func (f *Factory) Issue(parent *Cert, s Spec) (*Cert, error) {
	key, err := f.key(s.Key, s.CA)
	if err != nil {
		return nil, err
	}
	tmpl := template(s)
	if s.CA {
		// Every CA gets a subject key ID (x509 derives one only for CAs whose
		// key it can marshal; make it explicit and stable).
		id := sha1.Sum([]byte(s.CN + "|" + fmt.Sprint(tmpl.SerialNumber))) //nolint:gosec // an identifier
		tmpl.SubjectKeyId = id[:]
	}
	parentCert, signer := tmpl, key
	if parent != nil {
		parentCert, signer = parent.Certificate, parent.Key
	}
	der, err := x509.CreateCertificate(f.rng, tmpl, parentCert, key.Public(), detSigner{signer})
	if err != nil {
		return nil, fmt.Errorf("testpki: %s: %w", s.CN, err)
	}
	crt, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("testpki: %s: %w", s.CN, err)
	}
	return &Cert{Certificate: crt, Key: key, Issuer: parent}, nil
}

func (f *Factory) key(kind string, ca bool) (crypto.Signer, error) {
	switch kind {
	case "", "P-256":
		return f.ecKey(elliptic.P256()), nil
	case "P-384":
		return f.ecKey(elliptic.P384()), nil
	case "RSA-2048":
		if ca {
			return seededRSA(f.rng, 2048)
		}
		k := f.rsaPool[f.next%len(f.rsaPool)]
		f.next++
		return k, nil
	}
	return nil, fmt.Errorf("testpki: key kind %q not supported by Factory", kind)
}

// ecKey derives a key from a seeded scalar (retrying the rare out-of-range one).
func (f *Factory) ecKey(c elliptic.Curve) *ecdsa.PrivateKey {
	b := make([]byte, (c.Params().BitSize+7)/8)
	for {
		_, _ = f.rng.Read(b)
		if k, err := ecdsa.ParseRawPrivateKey(c, b); err == nil {
			return k
		}
	}
}

// seededRSA builds an RSA key from seeded primes.
func seededRSA(r io.Reader, bits int) (*rsa.PrivateKey, error) {
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for {
		p, err := seededPrime(r, bits/2)
		if err != nil {
			return nil, err
		}
		q, err := seededPrime(r, bits/2)
		if err != nil {
			return nil, err
		}
		if p.Cmp(q) == 0 {
			continue
		}
		n := new(big.Int).Mul(p, q)
		if n.BitLen() != bits {
			continue
		}
		pm, qm := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
		phi := new(big.Int).Mul(pm, qm)
		d := new(big.Int).ModInverse(e, phi)
		if d == nil {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		if err := k.Validate(); err != nil {
			continue
		}
		return k, nil
	}
}

func seededPrime(r io.Reader, bits int) (*big.Int, error) {
	b := make([]byte, bits/8)
	for {
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		b[0] |= 0xc0 // top two bits: the product has the full length
		b[len(b)-1] |= 1
		p := new(big.Int).SetBytes(b)
		if p.ProbablyPrime(20) {
			return p, nil
		}
	}
}

// detSigner signs deterministically whatever random source it is given.
type detSigner struct{ crypto.Signer }

func (s detSigner) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	switch k := s.Signer.(type) {
	case *ecdsa.PrivateKey:
		return k.Sign(nil, digest, opts) // RFC 6979
	case *rsa.PrivateKey:
		if _, ok := opts.(*rsa.PSSOptions); ok {
			return nil, fmt.Errorf("testpki: RSA-PSS is randomised; not supported by Factory")
		}
		return rsa.SignPKCS1v15(nil, k, opts.HashFunc(), digest)
	}
	return nil, fmt.Errorf("testpki: unsupported key %T", s.Signer)
}
