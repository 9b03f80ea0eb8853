// The service's own orders: the externalId each one carries (Lumen's events naming one are this
// project's, even without a service id) and how many went out today, which the service query shows.
import { serviceOrderExternalId } from '../../domain/service-names';

/** What a continued run carries of its orders. */
export interface CarriedOrders {
  day: string;
  changesToday: number;
  orderSeq: number;
}

export class ServiceOrders {
  private readonly externalIds = new Set<string>();
  private seq: number;
  private day: string;
  private todayCount: number;

  /** `placed`: externalIds of orders placed before this workflow ran (its provisioning's, a pending one). */
  constructor(
    private readonly serviceId: string,
    placed: (string | undefined)[],
    carried?: CarriedOrders,
  ) {
    this.seq = carried?.orderSeq ?? 0;
    this.day = carried?.day ?? today();
    this.todayCount = carried?.changesToday ?? 0;
    for (const externalId of placed) if (externalId) this.externalIds.add(externalId);
    for (let seq = 1; seq <= this.seq; seq++) this.externalIds.add(serviceOrderExternalId(this.serviceId, seq));
  }

  /** An order this project placed on the service. */
  isOurs(externalId: string): boolean {
    return this.externalIds.has(externalId);
  }

  /** The externalId of the next order on the service (≤ 20 characters): service id and a sequence. */
  nextExternalId(): string {
    this.seq += 1;
    const externalId = serviceOrderExternalId(this.serviceId, this.seq);
    this.externalIds.add(externalId);
    return externalId;
  }

  /** An order went out: counted for today. */
  count(): void {
    if (this.day !== today()) {
      this.day = today();
      this.todayCount = 0;
    }
    this.todayCount += 1;
  }

  get today(): number {
    return this.day === today() ? this.todayCount : 0;
  }

  carry(): CarriedOrders {
    return { day: this.day, changesToday: this.todayCount, orderSeq: this.seq };
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
