import { type Api, contextOf, problemResponses } from '../../platform/http/api.ts';
import {
  AggregatesQuery,
  AggregatesResponse,
  MIN_GROUP_SIZE,
  MunicipalitiesQuery,
  MunicipalitiesResponse,
  OVERVIEW_RULES,
  TopicsQuery,
  TopicsResponse,
} from './schemas.ts';
import { getAggregates, getTopicDistribution, listMunicipalities } from './service.ts';

const tags = ['overview'];

export function registerOverviewRoutes(api: Api): void {
  api.get(
    '/overview/municipalities',
    {
      schema: {
        tags,
        summary:
          'Every Kommune in the caller’s scope with its latest assessment, scores (overall and per topic) and measures progress (programme_manager, admin)',
        description: `Filters: district, status of the latest assessment. Sort: name, score, status, district. ${OVERVIEW_RULES}`,
        querystring: MunicipalitiesQuery,
        response: { 200: MunicipalitiesResponse, ...problemResponses },
      },
    },
    (request) => listMunicipalities(contextOf(request), request.query),
  );
  api.get(
    '/overview/topics',
    {
      schema: {
        tags,
        summary:
          'Per topic of the catalog: how the Kommunen in scope score (buckets of 25 points, mean, median) (programme_manager, admin)',
        description: OVERVIEW_RULES,
        querystring: TopicsQuery,
        response: { 200: TopicsResponse, ...problemResponses },
      },
    },
    (request) => getTopicDistribution(contextOf(request), request.query),
  );
  api.get(
    '/overview/aggregates',
    {
      schema: {
        tags,
        summary:
          'Anonymised figures per state, Kommune type and population band; groups of fewer than five assessed Kommunen suppressed (observer, programme_manager, admin)',
        description: `No names or ids of single Kommunen. Groups with fewer than ${MIN_GROUP_SIZE} assessed Kommunen carry no figures, nor do groups from which a suppressed one could be worked out. ${OVERVIEW_RULES}`,
        querystring: AggregatesQuery,
        response: { 200: AggregatesResponse, ...problemResponses },
      },
    },
    (request) => getAggregates(contextOf(request), request.query),
  );
}
