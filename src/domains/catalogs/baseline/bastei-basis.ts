import { administrationTopic } from './topics/administration.ts';
import { awarenessTrainingTopic } from './topics/awareness-training.ts';
import { backupTopic } from './topics/backup.ts';
import { clientsTopic } from './topics/clients.ts';
import { dataProtectionTopic } from './topics/data-protection.ts';
import { emergencyManagementTopic } from './topics/emergency-management.ts';
import { identityAuthenticationTopic } from './topics/identity-authentication.ts';
import { incidentHandlingTopic } from './topics/incident-handling.ts';
import { loggingDetectionTopic } from './topics/logging-detection.ts';
import { mailWebTopic } from './topics/mail-web.ts';
import { mobileDevicesTopic } from './topics/mobile-devices.ts';
import { networkRemoteAccessTopic } from './topics/network-remote-access.ts';
import { organisationTopic } from './topics/organisation.ts';
import { patchChangeManagementTopic } from './topics/patch-change-management.ts';
import { physicalSecurityTopic } from './topics/physical-security.ts';
import { printersTopic } from './topics/printers.ts';
import { procurementTopic } from './topics/procurement.ts';
import { serversTopic } from './topics/servers.ts';
import { serviceProvidersTopic } from './topics/service-providers.ts';
import type { BaselineCatalog } from './types.ts';

/**
 * The built-in baseline catalog "Bastei-Basis".
 *
 * Written in our own words for German municipalities; structured like BSI's WiBA checklists
 * (19 topics, yes/no questions). References to IT-Grundschutz (Kompendium 2023) and
 * Grundschutz++ (Stand-der-Technik Kernel) carry identifiers only.
 *
 * Order: governance and people first, then identities and operations, then the technical
 * building blocks from the inside out, then third parties, and finally detection, response
 * and recovery.
 */
export const basteiBasis: BaselineCatalog = {
  id: 'bastei-basis',
  version: '2026.1',
  title: {
    de: 'Bastei-Basis: Basisabsicherung für Kommunen',
    en: 'Bastei baseline: baseline protection for municipalities',
  },
  topics: [
    organisationTopic,
    awarenessTrainingTopic,
    dataProtectionTopic,
    identityAuthenticationTopic,
    administrationTopic,
    patchChangeManagementTopic,
    backupTopic,
    clientsTopic,
    serversTopic,
    networkRemoteAccessTopic,
    mailWebTopic,
    mobileDevicesTopic,
    printersTopic,
    physicalSecurityTopic,
    serviceProvidersTopic,
    procurementTopic,
    loggingDetectionTopic,
    incidentHandlingTopic,
    emergencyManagementTopic,
  ],
};
