import { Link } from 'react-router';
import { formatPercent } from '../format.ts';
import { scoreClass } from './scoreScale.ts';
import './map.css';

export interface Tile {
  id: string;
  name: string;
  score: number | null;
  href: string;
}

export interface TileGroup {
  key: string;
  title: string;
  tiles: Tile[];
}

/**
 * The map without geometry: one square per Kommune, grouped (by district), coloured like the
 * map. Each tile is a link whose text is the full name and the score, so its accessible name is
 * what is shown (the name may be clipped visually on small tiles, never for screen readers).
 */
export function TileGrid({
  groups,
  headingLevel = 3,
  noScoreLabel,
}: {
  groups: TileGroup[];
  headingLevel?: 2 | 3;
  noScoreLabel: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="tile-grid">
      {groups.map((group) => (
        <section key={group.key} className="tile-grid__group" aria-labelledby={`tiles-${group.key}`}>
          <Heading id={`tiles-${group.key}`} className="tile-grid__title">
            {group.title}
          </Heading>
          <ul className="tile-grid__tiles">
            {group.tiles.map((tile) => {
              const cls = scoreClass(tile.score);
              return (
                <li key={tile.id}>
                  <Link
                    to={tile.href}
                    className={`tile ${cls ? `score-c${cls.index}` : 'score-none'}`}
                    title={tile.name}
                  >
                    <span className="tile__name">{tile.name}</span>
                    <span className="tile__score">
                      {tile.score === null ? (
                        <>
                          –<span className="visually-hidden"> ({noScoreLabel})</span>
                        </>
                      ) : (
                        formatPercent(tile.score)
                      )}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
