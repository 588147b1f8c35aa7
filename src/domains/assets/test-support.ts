/**
 * A dns2 server on 127.0.0.1 (UDP, random port) answering TXT questions from a zone the test
 * changes at will. Nothing here contacts another address or reads /etc/resolv.conf.
 */
import { Packet, UDPServer } from 'dns2';

/** name → TXT records (each a list of character strings), or a failure to answer with. */
export type TxtZone = Record<string, string[][] | 'servfail'>;

export interface TxtServer {
  /** For BASTEI_DNS_RESOLVER / DnsOptions.servers. */
  address: string;
  queries: { name: string; type: number }[];
  zone: TxtZone;
  close(): Promise<void>;
}

const NXDOMAIN = 3;
const SERVFAIL = 2;

export async function startTxtServer(zone: TxtZone = {}): Promise<TxtServer> {
  const state: TxtServer = { address: '', queries: [], zone, close: async () => {} };
  const server = new UDPServer({ type: 'udp4' });
  server.on('request', ((request: Packet, send: (response: Packet) => void) => {
    const response = Packet.createResponseFromRequest(request);
    const question = request.questions[0];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    state.queries.push({ name, type: question.type });
    const entry = Object.hasOwn(state.zone, name) ? state.zone[name] : undefined;
    if (entry === 'servfail') response.header.rcode = SERVFAIL;
    else if (entry === undefined) response.header.rcode = NXDOMAIN;
    else if (question.type === Packet.TYPE.TXT) {
      for (const data of entry) {
        response.answers.push({
          name: question.name,
          type: Packet.TYPE.TXT,
          class: Packet.CLASS.IN,
          ttl: 1,
          data,
        } as never);
      }
    }
    send(response);
  }) as never);
  await server.listen(0, '127.0.0.1');
  state.address = `127.0.0.1:${server.address().port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
