/**
 * Reading boundary files: GeoJSON (FeatureCollection or Feature) and TopoJSON (converted with
 * topojson-client). Each area feature yields the keys it can be matched by — the 12-digit
 * Regionalschlüssel (ARS) or the Gemeindeschlüssel (AGS, 8 digits for a Gemeinde, 5 for a Kreis,
 * 2 for a Land) — and its geometry, validated and rounded to 1e-5° (about a metre; the map
 * needs no more and the rows stay small).
 */
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';

export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface BoundaryFeature {
  /** 0-based position in the file (per object for TopoJSON), for messages. */
  index: number;
  object: string | null;
  ars: string | null;
  ags: string | null;
  name: string | null;
  geometry: AreaGeometry;
}

export interface BoundaryFile {
  format: 'geojson' | 'topojson';
  features: BoundaryFeature[];
  /** Features without an area geometry or without a usable key, with the reason. */
  skipped: { index: number; object: string | null; reason: string }[];
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], z.number());
const Ring = z.array(Position).min(4);
const Polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
const Geometry = z.discriminatedUnion('type', [Polygon, MultiPolygon]);

const ARS_KEYS = ['ars', 'ARS', 'RS', 'rs', 'regionalschluessel'];
const AGS_KEYS = ['ags', 'AGS', 'gemeindeschluessel'];

const round = (n: number) => Math.round(n * 1e5) / 1e5;
const roundRing = (ring: number[][]) =>
  ring.map(([lon, lat]) => [round(lon as number), round(lat as number)]);

function firstKey(properties: Record<string, unknown>, names: string[], lengths: number[]): string | null {
  for (const name of names) {
    const raw = properties[name];
    const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (/^\d+$/.test(value) && lengths.includes(value.length)) return value;
  }
  return null;
}

/** A 5-digit RS (BKG Kreis files) is a district's ARS without its trailing zeros. */
function normaliseArs(value: string | null): string | null {
  if (value === null) return null;
  return value.length === 12 ? value : value.padEnd(12, '0');
}

/** The feature's keys and geometry, or why it cannot be used. */
function readFeature(
  raw: unknown,
  index: number,
  object: string | null,
): BoundaryFeature | { reason: string } {
  if (!raw || typeof raw !== 'object') return { reason: 'kein GeoJSON-Feature' };
  const { geometry, properties } = raw as { geometry?: unknown; properties?: unknown };
  const props = properties && typeof properties === 'object' ? (properties as Record<string, unknown>) : {};
  const ars = normaliseArs(firstKey(props, ARS_KEYS, [12, 5, 2]));
  const ags = firstKey(props, AGS_KEYS, [8, 5, 2]);
  if (!ars && !ags) return { reason: 'weder ARS noch AGS in den Eigenschaften' };
  const parsed = Geometry.safeParse(geometry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      reason: `keine gültige Polygon-/MultiPolygon-Geometrie (${issue?.path.join('/') || 'geometry'}: ${issue?.message})`,
    };
  }
  const g = parsed.data;
  const rounded: AreaGeometry =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(roundRing) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((polygon) => polygon.map(roundRing)) };
  const name = typeof props.name === 'string' ? props.name : typeof props.GEN === 'string' ? props.GEN : null;
  return { index, object, ars, ags, name, geometry: rounded };
}

function collect(list: unknown[], object: string | null, out: BoundaryFile): void {
  list.forEach((raw, index) => {
    const read = readFeature(raw, index, object);
    if ('reason' in read) out.skipped.push({ index, object, reason: read.reason });
    else out.features.push(read);
  });
}

/**
 * Parses a GeoJSON or TopoJSON text. For TopoJSON, `objects` chooses which named objects to read
 * (default: all, in the file's order).
 */
export function parseBoundaryFile(text: string, options: { objects?: string[] } = {}): BoundaryFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError('validation-failed', {
      detail: `Die Datei ist kein gültiges JSON: ${(error as Error).message}`,
    });
  }
  const type = document && typeof document === 'object' ? (document as { type?: unknown }).type : undefined;
  if (type === 'Topology') {
    const topology = document as Topology;
    if (!topology.objects || typeof topology.objects !== 'object' || !Array.isArray(topology.arcs)) {
      throw new AppError('validation-failed', { detail: 'TopoJSON ohne "objects" oder "arcs".' });
    }
    const names = options.objects ?? Object.keys(topology.objects);
    const missing = names.filter((n) => !Object.hasOwn(topology.objects, n));
    if (missing.length) {
      throw new AppError('validation-failed', {
        detail: `Die TopoJSON-Datei hat kein Objekt ${missing.map((m) => `"${m}"`).join(', ')} (vorhanden: ${Object.keys(topology.objects).join(', ')}).`,
      });
    }
    const out: BoundaryFile = { format: 'topojson', features: [], skipped: [] };
    for (const name of names) {
      let converted: unknown;
      try {
        converted = feature(topology, topology.objects[name] as never);
      } catch (error) {
        throw new AppError('validation-failed', {
          detail: `Das TopoJSON-Objekt "${name}" ist fehlerhaft: ${(error as Error).message}`,
        });
      }
      collect((converted as { features?: unknown[] }).features ?? [converted], name, out);
    }
    return out;
  }
  if (type === 'FeatureCollection' || type === 'Feature') {
    if (options.objects?.length) {
      throw new AppError('validation-failed', { detail: 'Objektnamen gibt es nur in TopoJSON-Dateien.' });
    }
    const list = type === 'Feature' ? [document] : (document as { features?: unknown }).features;
    if (!Array.isArray(list)) {
      throw new AppError('validation-failed', {
        detail: 'Die FeatureCollection hat keine Liste "features".',
      });
    }
    const out: BoundaryFile = { format: 'geojson', features: [], skipped: [] };
    collect(list, null, out);
    return out;
  }
  throw new AppError('validation-failed', {
    detail: 'Erwartet wird GeoJSON (FeatureCollection oder Feature) oder TopoJSON (Topology).',
  });
}
