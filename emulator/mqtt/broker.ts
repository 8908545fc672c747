// The embedded MQTT broker (aedes, MQTT 3.1.1). It authenticates every login: device logins by
// their platform's rules, the emulator's own platform client by a per-start random password.
import net from "node:net";
import { Aedes, type AuthenticateError } from "aedes";
import { urlHost } from "../http/platform-server";

/** Accepts a login (true) or not; each platform contributes one. */
export type LoginCheck = (clientId: string, username: string | undefined, password: string | undefined) => boolean;

export interface EmbeddedBroker {
  url: string;
  close(): Promise<void>;
}

// MQTT CONNACK return code 4: bad user name or password
const BAD_USERNAME_OR_PASSWORD = 4 as AuthenticateError["returnCode"];

export async function startBroker(opts: {
  host: string;
  port: number;
  checks: LoginCheck[];
  log: (line: string) => void;
}): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const pass = password?.toString("utf8");
      if (opts.checks.some((check) => check(client.id, username, pass))) {
        done(null, true);
        return;
      }
      opts.log(`MQTT login refused: clientId=${client.id} username=${username ?? ""}`);
      const err = Object.assign(new Error("Bad username or password"), { returnCode: BAD_USERNAME_OR_PASSWORD });
      done(err, false);
    },
  });
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    broker.handle(socket);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve((server.address() as net.AddressInfo).port));
  });
  return {
    url: `mqtt://${urlHost(opts.host)}:${port}`,
    close: () => closeBroker(broker, server, sockets),
  };
}

async function closeBroker(broker: Aedes, server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
