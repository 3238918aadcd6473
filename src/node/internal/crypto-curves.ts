/**
 * The elliptic curves `node:crypto` supports here, with the names OpenSSL
 * gives them (`prime256v1`), the JWK names (`P-256`), their OIDs
 * (RFC 5480 §2.1.1.1, SEC 2) and the @noble/curves implementation.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

export interface Curve {
  /** OpenSSL's short name: what asymmetricKeyDetails.namedCurve and getCurves() report. */
  name: string;
  /** JWK `crv`. */
  jwk: string;
  oid: string;
  /** Bytes in a scalar or coordinate. */
  size: number;
  /** The @noble/curves ECDSA object. */
  impl: any;
}

export const CURVES: Curve[] = [
  { name: 'prime256v1', jwk: 'P-256', oid: '1.2.840.10045.3.1.7', size: 32, impl: p256 },
  { name: 'secp256k1', jwk: 'secp256k1', oid: '1.3.132.0.10', size: 32, impl: secp256k1 },
  { name: 'secp384r1', jwk: 'P-384', oid: '1.3.132.0.34', size: 48, impl: p384 },
  { name: 'secp521r1', jwk: 'P-521', oid: '1.3.132.0.35', size: 66, impl: p521 },
];

const ALIASES: Record<string, string> = {
  'p-256': 'prime256v1', secp256r1: 'prime256v1', 'p-384': 'secp384r1', 'p-521': 'secp521r1',
};

/** The curve a name means: OpenSSL names, NIST names (`P-256`) and `secp256r1`. */
export function curveByName(name: string): Curve | undefined {
  const lower = name.toLowerCase();
  const canonical = ALIASES[lower] ?? lower;
  return CURVES.find((c) => c.name === canonical);
}

/** The curve for a JWK `crv` (case-sensitive, as Node checks it). */
export function curveByJwk(crv: string): Curve | undefined {
  return CURVES.find((c) => c.jwk === crv);
}

export function curveByOid(oid: string): Curve | undefined {
  return CURVES.find((c) => c.oid === oid);
}

/** OKP key types (RFC 8410) with their OIDs and key sizes. */
export const OKP = {
  ed25519: { oid: '1.3.101.112', jwk: 'Ed25519', size: 32 },
  x25519: { oid: '1.3.101.110', jwk: 'X25519', size: 32 },
  ed448: { oid: '1.3.101.113', jwk: 'Ed448', size: 57 },
  x448: { oid: '1.3.101.111', jwk: 'X448', size: 56 },
} as const;

export type OkpType = keyof typeof OKP;
