import { deliverWithinLimits, type DeliveryRules } from '../../shared/transport/deliver';

/** Guayaba's published limits per API key: 100 reads and 30 writes a minute (PUT counted as a write). */
export const GUAYABA_WRITES = {
	perMinute: 30,
	why: 'Guayaba allows 30 updates a minute per API key.',
};
export const GUAYABA_READS = {
	perMinute: 100,
	why: 'Guayaba allows 100 reads a minute per API key.',
};

/** How Guayaba's requests are sent: the nodes' and the dropdowns' alike. */
export const GUAYABA_DELIVERY: DeliveryRules = {
	service: 'Guayaba',
	credentialType: 'guayabaApi',
	secretField: 'apiKey',
	kind: (method) => (method === 'GET' ? 'read' : 'write'),
	requestsPerMinute: (method) =>
		method === 'GET' ? GUAYABA_READS.perMinute : GUAYABA_WRITES.perMinute,
};

export const deliverGuayabaRequest = deliverWithinLimits(GUAYABA_DELIVERY);
