/**
 * A Kommune's statement on a warning as a CSAF 2.0 VEX document (profile csaf_vex): its installed
 * products concerned (the stored matches), the advisory's vulnerabilities, and per statement
 * affected → known_affected (with an action statement), not_affected → known_not_affected (with an
 * impact statement), mitigated → fixed. Every statement is a revision. The result is validated
 * with the same validator the import uses; an invalid document is a bug (500), never sent.
 */
import type { RequestContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { scopeFor } from '../../../platform/policy/policy.ts';
import type { TlpLabel } from '../../../platform/tlp/tlp.ts';
import { tlpRecipientOf } from '../access.ts';
import { validateCsaf } from '../csaf/validate.ts';
import { parseCpe } from '../matching/cpe.ts';
import { parsePurl } from '../matching/purl.ts';
import {
  findAdvisoryById,
  findMatches,
  findRecipients,
  findResponses,
  findWarningById,
} from '../repository.ts';

const CSAF_LABEL: Record<TlpLabel, string> = {
  CLEAR: 'WHITE',
  GREEN: 'GREEN',
  AMBER: 'AMBER',
  'AMBER+STRICT': 'AMBER',
  RED: 'RED',
};

const STATUS_TEXT = {
  affected: 'betroffen',
  not_affected: 'nicht betroffen',
  mitigated: 'behoben bzw. abgesichert',
} as const;

export async function exportVex(
  ctx: RequestContext,
  warningId: string,
  options: { organisationId?: string | undefined; publicUrl: URL },
) {
  const recipient = await tlpRecipientOf(ctx);
  const scope = scopeFor(ctx, 'warning.read');
  const warning = await findWarningById(ctx.db, scope, recipient, warningId);
  if (!warning) throw notFound('Die Warnung');
  const rows = (await findRecipients(ctx.db, scope, [warningId])).filter(
    (r) => !options.organisationId || r.organisation_id === options.organisationId,
  );
  if (rows.length === 0) throw notFound('Die Stellungnahme');
  if (rows.length > 1) {
    throw new AppError('validation-failed', {
      detail: 'Bitte die Kommune angeben (organisationId), deren Stellungnahme exportiert wird.',
      errors: [{ pointer: '/query/organisationId', message: 'erforderlich' }],
    });
  }
  const row = rows[0] as (typeof rows)[number];
  const responses = await findResponses(ctx.db, scope, warningId, row.organisation_id);
  const latest = responses.at(-1);
  if (!latest || row.status === null) {
    throw new AppError('invalid-state-transition', {
      detail: 'Die Kommune hat noch keine Stellungnahme abgegeben; erst dann gibt es ein VEX-Dokument.',
    });
  }
  // the advisory came to the Kommune with the warning; read it as the caller (TLP applies)
  const advisory = await findAdvisoryById(ctx.db, null, recipient, warning.advisory_id);
  if (!advisory) throw notFound('Die Sicherheitsmeldung');
  const matches = (
    await findMatches(
      ctx.db,
      { all: false, organisationIds: [row.organisation_id], subtreeRootIds: [] },
      { all: true, organisationIds: [], subtreeRootIds: [] },
      recipient,
      { advisoryId: advisory.id, limit: 500, offset: 0 },
    )
  ).rows.filter((m) => m.review_decision !== 'dismissed');

  const products = new Map<string, Record<string, unknown>>();
  for (const match of matches) {
    if (products.has(match.installed_product_id)) continue;
    const installed = await ctx.db
      .selectFrom('installed_products')
      .select(['cpe', 'purl'])
      .where('id', '=', match.installed_product_id)
      .where('organisation_id', '=', row.organisation_id)
      .executeTakeFirst();
    const helper: Record<string, string> = {};
    if (installed?.cpe && parseCpe(installed.cpe)) helper.cpe = installed.cpe;
    else if (installed?.purl && parsePurl(installed.purl)) helper.purl = installed.purl;
    const version = match.installed_version ? ` ${match.installed_version}` : '';
    products.set(match.installed_product_id, {
      product_id: `BASTEI-IP-${products.size + 1}`,
      name: `${[match.vendor, match.product].filter(Boolean).join(' ')}${version}`,
      ...(Object.keys(helper).length > 0 ? { product_identification_helper: helper } : {}),
    });
  }
  if (products.size === 0) {
    // addressed without a stored match (state-wide warning): the statement covers the Kommune's IT
    products.set('it', {
      product_id: 'BASTEI-IT-1',
      name: `IT-Verbund ${row.organisation_name}`,
    });
  }
  const productIds = [...products.values()].map((p) => p.product_id as string);
  const note = row.note?.trim() || `Die Kommune ist laut Stellungnahme ${STATUS_TEXT[row.status]}.`;
  const productStatus =
    row.status === 'affected'
      ? { known_affected: productIds }
      : row.status === 'not_affected'
        ? { known_not_affected: productIds }
        : { fixed: productIds };
  const extra =
    row.status === 'affected'
      ? { remediations: [{ category: 'workaround', details: note, product_ids: productIds }] }
      : row.status === 'not_affected'
        ? { threats: [{ category: 'impact', details: note, product_ids: productIds }] }
        : {};
  const notes = [{ category: 'description', title: 'Stellungnahme der Kommune', text: note }];
  const vulnerabilities =
    advisory.cves.length > 0
      ? advisory.cves.map((cve) => ({ cve, notes, product_status: productStatus, ...extra }))
      : [
          {
            ids: [{ system_name: advisory.publisher_name, text: advisory.tracking_id }],
            notes,
            product_status: productStatus,
            ...extra,
          },
        ];
  const iso = (d: Date | string) => new Date(d).toISOString();
  const label = warning.tlp_label as TlpLabel;
  const base = options.publicUrl.origin;
  const document = {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      lang: 'de',
      title: `VEX: ${advisory.title} – ${row.organisation_name}`,
      publisher: {
        category: 'user',
        name: row.organisation_name,
        namespace: `${base}/organisationen/${row.organisation_id}`,
      },
      distribution: {
        tlp: { label: CSAF_LABEL[label], url: 'https://www.first.org/tlp/' },
        ...(label === 'AMBER+STRICT' ? { text: 'TLP v2.0: TLP:AMBER+STRICT' } : {}),
      },
      notes: [
        {
          category: 'summary',
          title: 'Stellungnahme der Kommune',
          text: `${row.organisation_name}: ${STATUS_TEXT[row.status]}. ${note}`,
        },
      ],
      references: [
        {
          category: 'external',
          summary: `Zugrunde liegende Meldung ${advisory.tracking_id} (${advisory.publisher_name}), Version ${advisory.version}`,
          url: `${base}/warnungen/${warning.id}`,
        },
      ],
      tracking: {
        id: `BASTEI-VEX-${row.organisation_ars ?? row.organisation_id}-${warning.id.slice(0, 8)}`,
        status: 'final',
        version: String(latest.revision),
        initial_release_date: iso(responses[0]?.responded_at ?? latest.responded_at),
        current_release_date: iso(latest.responded_at),
        revision_history: responses.map((r) => ({
          number: String(r.revision),
          date: iso(r.responded_at),
          summary: `Stellungnahme: ${STATUS_TEXT[r.status]}`,
        })),
        generator: { engine: { name: 'Bastei' }, date: iso(latest.responded_at) },
      },
    },
    product_tree: { full_product_names: [...products.values()] },
    vulnerabilities,
  };
  const validation = await validateCsaf(document);
  if (!validation.valid) {
    throw new AppError('internal', {
      detail: 'Das VEX-Dokument konnte nicht erzeugt werden.',
      cause: new Error(JSON.stringify(validation.errors)),
    });
  }
  return {
    filename: `${document.document.tracking.id.toLowerCase().replace(/[^a-z0-9._-]+/g, '_')}.json`,
    document,
  };
}
