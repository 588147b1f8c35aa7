import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { type MouseEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { scoreFill } from './scoreScale.ts';
import './map.css';

export interface BoundaryFeature {
  type: 'Feature';
  id: string;
  properties: { organisationId: string; ars: string | null; name: string; type: string };
  geometry: unknown;
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  attributions: string[];
  features: BoundaryFeature[];
}

export interface MapArea {
  /** The accessible name and the text of the info line, e.g. "Halberstadt: 72 %". */
  label: string;
  score: number | null;
  href: string;
}

/**
 * d3-geo reads polygons on the sphere: a ring wound the other way round encloses the rest of the
 * world. GeoJSON (RFC 7946) winds exterior rings the other way than d3 expects, so a feature
 * whose area exceeds a hemisphere is turned round before it is drawn.
 */
function d3Winding(feature: BoundaryFeature): Feature<Geometry> {
  const geometry = feature.geometry as Polygon | MultiPolygon;
  const asFeature: Feature<Geometry> = { type: 'Feature', properties: {}, geometry };
  if (geoArea(asFeature) <= 2 * Math.PI) return asFeature;
  const turn = (rings: Position[][]) => rings.map((ring) => ring.slice().reverse());
  const turned: Polygon | MultiPolygon =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: turn(geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(turn) };
  return { type: 'Feature', properties: {}, geometry: turned };
}

const usable = (feature: BoundaryFeature) => {
  const type = (feature.geometry as { type?: string } | null)?.type;
  return type === 'Polygon' || type === 'MultiPolygon';
};

/**
 * A choropleth of boundaries as inline SVG (Mercator, fitted to the container's width). Every
 * area is an SVG link: reachable with Tab, named by its label, opened with Enter or a click.
 * `outlines` are drawn on top as borders only (e.g. the Landkreise over their municipalities).
 * Colour is never the only carrier: the label names the score and callers show a table beside.
 */
export function ChoroplethMap({
  title,
  features,
  outlines = [],
  areaOf,
  onOpen,
  hint,
}: {
  title: string;
  features: BoundaryFeature[];
  outlines?: BoundaryFeature[];
  areaOf(organisationId: string): MapArea | undefined;
  onOpen(href: string): void;
  hint: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  const [active, setActive] = useState<string | null>(null);
  const titleId = useId();
  const hatchId = `${useId().replace(/:/g, '')}-hatch`;

  useEffect(() => {
    const element = container.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const prepared = useMemo(
    () => ({
      areas: features.filter(usable).map((f) => ({ id: f.properties.organisationId, shape: d3Winding(f) })),
      borders: outlines.filter(usable).map((f) => ({ id: f.properties.organisationId, shape: d3Winding(f) })),
    }),
    [features, outlines],
  );

  const drawn = useMemo(() => {
    const all: FeatureCollection = {
      type: 'FeatureCollection',
      features: [...prepared.areas, ...prepared.borders].map((a) => a.shape),
    };
    const projection = geoMercator().fitWidth(width, all);
    const path = geoPath(projection);
    const [[, y0], [, y1]] = path.bounds(all);
    const height = Math.max(1, Math.ceil(y1 - Math.min(0, y0)) + 2);
    return {
      height,
      areas: prepared.areas.map((a) => ({ id: a.id, d: path(a.shape) ?? '' })),
      borders: prepared.borders.map((a) => ({ id: a.id, d: path(a.shape) ?? '' })),
    };
  }, [prepared, width]);

  const activeArea = active ? areaOf(active) : undefined;
  const activePath = active ? drawn.areas.find((a) => a.id === active)?.d : undefined;

  const open = (event: MouseEvent, href: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(href);
  };

  return (
    <div className="choropleth">
      <div ref={container} className="choropleth__canvas">
        {/* biome-ignore lint/a11y/useSemanticElements: SVG content cannot live in a fieldset; the group names the map's links */}
        <svg
          role="group"
          aria-labelledby={titleId}
          width={width}
          height={drawn.height}
          viewBox={`0 0 ${width} ${drawn.height}`}
        >
          <title id={titleId}>{title}</title>
          <defs>
            <pattern
              id={hatchId}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#d4d5da" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#5b5c63" strokeWidth="1.2" />
            </pattern>
          </defs>
          {drawn.areas.map((shape) => {
            const area = areaOf(shape.id);
            if (!area) return null;
            return (
              <a
                key={shape.id}
                href={area.href}
                aria-label={area.label}
                className="choropleth__link"
                onClick={(event) => open(event, area.href)}
                onFocus={() => setActive(shape.id)}
                onBlur={() => setActive((current) => (current === shape.id ? null : current))}
                onMouseEnter={() => setActive(shape.id)}
                onMouseLeave={() => setActive((current) => (current === shape.id ? null : current))}
              >
                <path
                  d={shape.d}
                  className="choropleth__area"
                  fill={area.score === null ? `url(#${hatchId})` : scoreFill(area.score)}
                />
              </a>
            );
          })}
          <g className="choropleth__borders">
            {drawn.borders.map((shape) => (
              <path key={shape.id} d={shape.d} />
            ))}
          </g>
          {activePath ? <path className="choropleth__highlight" d={activePath} /> : null}
        </svg>
      </div>
      {/* Sighted mouse users learn the name here; keyboard and screen reader users get it as the link's name. */}
      <p className="choropleth__info" aria-hidden="true">
        {activeArea ? activeArea.label : hint}
      </p>
    </div>
  );
}

/** The attribution the boundaries' licence asks for, linked to the data provider where it is the BKG. */
export function MapAttribution({ attributions, label }: { attributions: string[]; label: string }) {
  if (attributions.length === 0) return null;
  return (
    <p className="map-attribution">
      <span>{label} </span>
      {attributions.map((text, index) => (
        <span key={text}>
          {index > 0 ? '; ' : null}
          {/GeoBasis-DE|BKG/.test(text) ? <a href="https://www.bkg.bund.de">{text}</a> : text}
        </span>
      ))}
    </p>
  );
}
