// Storefront customer accounts, just enough to sign a shopper in: the app proxy then reports
// them as logged_in_customer_id and checkout attaches them to the order. The emulator's state
// holds no customer list of its own, so the storefront keeps who has signed in, per shop.
import type { SandboxState, SandboxCustomer } from "../state";
import { numericIdOf } from "../ids";

export class StorefrontCustomers {
  private readonly byShop = new Map<string, Map<string, SandboxCustomer>>();

  constructor(private readonly state: SandboxState) {}

  /** The customer with this email, created on first sign-in. */
  signIn(shop: string, email: string, firstName = "", lastName = ""): SandboxCustomer {
    const customers = this.customersOf(shop);
    const wanted = email.trim().toLowerCase();
    for (const customer of customers.values()) if (customer.email === wanted) return customer;
    const customer: SandboxCustomer = { id: this.state.ids.take("Customer"), email: wanted, firstName, lastName };
    customers.set(numericIdOf(customer.id), customer);
    return customer;
  }

  find(shop: string, numericId: string): SandboxCustomer | undefined {
    return this.customersOf(shop).get(numericId);
  }

  private customersOf(shop: string): Map<string, SandboxCustomer> {
    let customers = this.byShop.get(shop);
    if (!customers) this.byShop.set(shop, (customers = new Map()));
    return customers;
  }
}
