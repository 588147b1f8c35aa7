import * as client from 'openid-client';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

type OidcSettings = NonNullable<Config['oidc']>;

/**
 * OpenID Connect login (authorization code flow with PKCE, state and nonce) against a
 * Keycloak-style provider. Discovery happens on first use and is retried after a failure,
 * so a provider that is down at start does not keep Bastei from starting.
 */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    readonly redirectUri: string,
  ) {}

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(this.settings.issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
        execute: this.settings.allowHttp ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new AppError('oidc-failed', {
          detail: 'Der Identitätsanbieter ist nicht erreichbar.',
          cause: error,
        });
      });
    return this.configuration;
  }

  /** The provider URL to send the browser to, plus the secrets to keep until the callback. */
  async start(): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
    const configuration = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code from the callback URL and returns the verified ID token claims. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<OidcClaims> {
    const configuration = await this.discover();
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email.toLowerCase() : null,
        emailVerified: claims.email_verified === true,
      };
    } catch (error) {
      throw new AppError('oidc-failed', { cause: error });
    }
  }
}
