/**
 * `igualdad user create|link|set-role|disable|enable|list`: staff accounts from the command line,
 * where the first administrator is made. Each prints what happened and what to do next; every
 * change is written to the audit log (actor: the command line).
 *
 * The account modules load only when a command runs (see main.ts on start-up cost).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { USER_ROLES } from '../db/schema.ts';

type Role = (typeof USER_ROLES)[number];
// Spelled out so that `--help` does not load the database schema; the compiler keeps it complete.
const ROLES = ['admin', 'editor', 'translator', 'viewer'] as const satisfies readonly Role[];
const _everyRole: [Exclude<Role, (typeof ROLES)[number]>] extends [never] ? true : never = true;

const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u;

function parseEmail(value: string): string {
  if (!EMAIL.test(value.trim()) || value.length > 254)
    throw new InvalidArgumentError('Give an email address like name@example.org.');
  return value.trim();
}

const emailOption = () =>
  new Option('--email <email>', 'the account email').argParser(parseEmail).makeOptionMandatory();
const roleOption = () =>
  new Option('--role <role>', 'admin, editor, translator or viewer')
    .choices(ROLES)
    .makeOptionMandatory();
const langOption = () =>
  new Option(
    '--lang <lang>',
    'language of the link and the account (default: DEFAULT_LOCALE)',
  ).choices(['es', 'en']);

/** Registers the `user` commands on the program. */
export function registerAccountCommands(program: Command): void {
  const user = program.command('user').description('Manage staff accounts.');

  user
    .command('create')
    .description(
      'Create an account and print its single-use set-up link (valid 72 hours).\n' +
        'The person opens it to choose a password. Create the first administrator this way.',
    )
    .addOption(emailOption())
    .addOption(roleOption())
    .addOption(langOption())
    .action(async (options: { email: string; role: Role; lang?: 'es' | 'en' }) => {
      await withDatabase(async ({ config, database, accounts, links }) => {
        const locale = options.lang ?? config.defaultLocale;
        const existing = await accounts.findUserByEmail(database.db, options.email);
        if (existing)
          throw new Error(
            `an account with the email ${options.email} already exists.\n` +
              `To give that person a new set-up link, run: igualdad user link --email ${options.email}`,
          );
        const created = await accounts.createUser(database.db, {
          email: options.email,
          role: options.role,
          locale,
          actorId: null,
          now: new Date(),
        });
        printLink(
          `Created the ${options.role} account ${accounts.normalizeEmail(options.email)}.`,
          links.linkUrl(config.baseUrl, locale, 'set_up', created.token),
          created.expiresAt,
        );
      });
    });

  user
    .command('link')
    .description(
      'Print a new single-use set-up link for an account (earlier links stop working).\n' +
        'For a person who lost the first link; someone who knows their password can use "Forgot your password?".',
    )
    .addOption(emailOption())
    .addOption(langOption())
    .action(async (options: { email: string; lang?: 'es' | 'en' }) => {
      await withDatabase(async ({ config, database, accounts, links }) => {
        const found = await requireUser(accounts, database.db, options.email);
        if (found.disabledAt)
          throw new Error(
            `the account ${found.email} is disabled. Enable it first: igualdad user enable --email ${found.email}`,
          );
        const link = await accounts.issueSetUpLink(database.db, {
          userId: found.id,
          now: new Date(),
        });
        const locale = options.lang ?? (found.locale === 'en' ? 'en' : 'es');
        printLink(
          `New set-up link for ${found.email}.`,
          links.linkUrl(config.baseUrl, locale, 'set_up', link.token),
          link.expiresAt,
        );
      });
    });

  user
    .command('set-role')
    .description("Change an account's role. Its sessions end: the person signs in again.")
    .addOption(emailOption())
    .addOption(roleOption())
    .action(async (options: { email: string; role: Role }) => {
      await withDatabase(async ({ database, accounts }) => {
        const found = await requireUser(accounts, database.db, options.email);
        await accounts.changeRole(database.db, {
          actorId: null,
          userId: found.id,
          role: options.role,
          now: new Date(),
        });
        process.stdout.write(
          found.role === options.role
            ? `${found.email} already has the role ${options.role}; nothing changed.\n`
            : `${found.email} is now ${options.role} (was ${found.role}). Their sessions have ended.\n`,
        );
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled
          ? 'Disable an account: it cannot sign in, and its sessions and links end at once.'
          : 'Enable a disabled account again (it signs in with its old password, or a new link).',
      )
      .addOption(emailOption())
      .action(async (options: { email: string }) => {
        await withDatabase(async ({ database, accounts }) => {
          const found = await requireUser(accounts, database.db, options.email);
          await accounts.setUserDisabled(database.db, {
            actorId: null,
            userId: found.id,
            disabled,
            now: new Date(),
          });
          process.stdout.write(`${found.email} is ${disabled ? 'disabled' : 'enabled'}.\n`);
        });
      });
  }

  user
    .command('list')
    .description('List the accounts: email, role, state.')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ database }) => {
        const { users } = await import('../db/schema.ts');
        const rows = await database.db
          .select({
            email: users.email,
            role: users.role,
            passwordHash: users.passwordHash,
            disabledAt: users.disabledAt,
          })
          .from(users)
          .orderBy(users.email);
        const list = rows.map((r) => ({
          email: r.email,
          role: r.role,
          state: r.disabledAt ? 'disabled' : r.passwordHash ? 'active' : 'set-up pending',
        }));
        if (options.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else if (!list.length)
          process.stdout.write(
            'No accounts yet. Create the first administrator: igualdad user create --email E --role admin\n',
          );
        else
          for (const r of list)
            process.stdout.write(`${r.email.padEnd(40)} ${r.role.padEnd(11)} ${r.state}\n`);
      });
    });
}

type Accounts = typeof import('../features/accounts/service.ts');
type Db = Awaited<ReturnType<typeof import('../server.ts').openMigratedDatabase>>['db'];

async function requireUser(accounts: Accounts, db: Db, email: string) {
  const found = await accounts.findUserByEmail(db, email);
  if (!found)
    throw new Error(
      `no account has the email ${email}. List them with: igualdad user list; create one with: igualdad user create --email ${email} --role viewer`,
    );
  return found;
}

function printLink(title: string, url: string, expiresAt: Date) {
  process.stdout.write(
    `${title}\n` +
      `Set-up link (works once, until ${expiresAt.toISOString()}, 72 hours):\n\n  ${url}\n\n` +
      'Send it to the person over a channel you trust: whoever opens it first chooses the password.\n',
  );
}

/** Opens the migrated database with the environment's configuration, runs, closes. */
async function withDatabase<T>(
  work: (deps: {
    config: import('../config.ts').Config;
    database: Awaited<ReturnType<typeof import('../server.ts').openMigratedDatabase>>;
    accounts: Accounts;
    links: typeof import('../features/accounts/links.ts');
  }) => Promise<T>,
): Promise<T> {
  const [{ loadConfigWithOverrides }, { openMigratedDatabase }, accounts, links] =
    await Promise.all([
      import('../config.ts'),
      import('../server.ts'),
      import('../features/accounts/service.ts'),
      import('../features/accounts/links.ts'),
    ]);
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  try {
    return await work({ config, database, accounts, links });
  } finally {
    await database.close();
  }
}
