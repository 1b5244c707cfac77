/**
 * A deterministic generator of bilingual policies in the dataset file shape, for benchmarks.
 *
 * The same seed always gives the same corpus. Places: one state, 30 counties, 100 cities and a
 * school district per county. Each policy has about 300 words in each language (summary and
 * full text), written from topic sentences (immigration, police, detainers, schools, wages,
 * licenses, tuition...) and from generated sentences drawn from a few hundred parallel Spanish
 * and English words with a Zipf distribution, so common words ("inmigración", "policía") are in
 * most policies and rare ones in a few, as in a real library. Identifiers follow the shapes local
 * governments use ("AR 2017-22", "R-18-7", "HB 173") with varied numbers.
 */
import type { z } from 'zod';
import type { datasetFile } from '../src/features/dataset/schema.ts';
import { slugify } from '../src/lib/slug.ts';
import { prng } from '../src/lib/prng.ts';

export { prng };

export type DatasetInput = z.input<typeof datasetFile>;
type PolicyInput = NonNullable<DatasetInput['policies']>[number];
type JurisdictionInput = NonNullable<DatasetInput['jurisdictions']>[number];
type BodyInput = NonNullable<DatasetInput['bodies']>[number];

export interface Corpus {
  data: DatasetInput;
  /** OCD ids by kind, for filter queries. */
  places: { state: string; counties: string[]; cities: string[]; schoolDistricts: string[] };
  /** Every identifier value in the corpus, in generation order. */
  identifiers: string[];
}

type Rand = () => number;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
function weighted<T>(r: Rand, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Picks indexes 0..n-1 with probability proportional to 1/(rank+1)^s. */
function zipf(n: number, s = 1): (r: Rand) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cumulative.push((total += 1 / Math.pow(i + 1, s)));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: parallel Spanish/English words. Nouns are "es/en/gender" (underscores are spaces),
// most frequent first; adjectives "es/en" (Spanish masculine); verbs "es/en" (Spanish third
// person, English base form).

const NOUNS = `
inmigración/immigration/f policía/police/f detención/detention/f comunidad/community/f
condado/county/m ciudad/city/f ley/law/f inmigrante/immigrant/m familia/family/f
orden_de_detención/detainer/f agente/officer/m estatus_migratorio/immigration_status/m
escuela/school/f estudiante/student/m información/information/f derecho/right/m
cárcel/jail/f gobierno/government/m resolución/resolution/f política/policy/f
residente/resident/m trabajador/worker/m salario/wage/m educación/education/f
servicio/service/m oficina/office/f departamento/department/m recurso/resource/m
orden_judicial/judicial_warrant/f acuerdo/agreement/m deportación/deportation/f
seguridad_pública/public_safety/f confianza/trust/f sheriff/sheriff/m estado/state/m
licencia/license/f licencia_de_conducir/driver's_license/f matrícula/tuition/f
universidad/university/f privacidad/privacy/f dato/data/m registro/record/m
ordenanza/ordinance/f junta/board/f comisión/commission/f concejo/council/m
alcalde/mayor/m gobernador/governor/m legislatura/legislature/f tribunal/court/m
juez/judge/m constitución/constitution/f enmienda/amendment/f personal/staff/m
empleado/employee/m agencia/agency/f municipio/municipality/m frontera/border/f
asilo/asylum/m refugiado/refugee/m visa/visa/f permiso/permit/m arresto/arrest/m
custodia/custody/f liberación/release/f fecha_de_liberación/release_date/f
cooperación/cooperation/f protección/protection/f santuario/sanctuary/m
notificación/notification/f interrogatorio/questioning/m identificación/identification/f
documento/document/m pasaporte/passport/m beca/scholarship/f salario_mínimo/minimum_wage/m
empleador/employer/m trabajo/work/m empleo/employment/m robo_de_salario/wage_theft/m
sueldo/pay/m hora/hour/f vivienda/housing/f salud/health/f hospital/hospital/m
clínica/clinic/f programa/program/m fondo/fund/m presupuesto/budget/m
distrito/district/m maestro/teacher/m ciudadanía/citizenship/f niño/child/m
multa/fine/f cargo/charge/m delito/crime/m fianza/bail/f abogado/lawyer/m
defensa/defense/f audiencia/hearing/f votación/vote/f sesión/session/f comité/committee/m
informe/report/m auditoría/audit/f transparencia/transparency/f queja/complaint/f
investigación/investigation/f discriminación/discrimination/f idioma/language/m
intérprete/interpreter/m traducción/translation/f acceso/access/m lugar/place/m
iglesia/church/f biblioteca/library/f parque/park/m seguridad/safety/f miedo/fear/m
víctima/victim/f testigo/witness/m violencia/violence/f solicitud/application/f
formulario/form/m trámite/procedure/m requisito/requirement/m plazo/deadline/m
reunión/meeting/f propuesta/proposal/f moción/motion/f veto/veto/m apelación/appeal/f
demanda/lawsuit/f sentencia/ruling/f capacitación/training/f protocolo/protocol/m
procedimiento/process/m patrulla/patrol/f parada_de_tráfico/traffic_stop/f cámara/camera/f
reconocimiento_facial/facial_recognition/m vigilancia/surveillance/f tecnología/technology/f
sistema/system/m red/network/f organización/organization/f coalición/coalition/f
voluntario/volunteer/m líder/leader/m vecino/neighbor/m barrio/neighborhood/m hogar/home/m
padre/parent/m madre/mother/f hijo/son/m hija/daughter/f alumno/pupil/m aula/classroom/f
plantel/campus/m transporte/transportation/m autobús/bus/m comida/meal/f
seguro_médico/health_insurance/m atención_médica/health_care/f beneficio/benefit/m
ayuda/aid/f impuesto/tax/m contribuyente/taxpayer/m negocio/business/m empresa/company/f
agricultura/agriculture/f campo/farm/m construcción/construction/f restaurante/restaurant/m
sindicato/union/m salario_digno/living_wage/m horas_extra/overtime/f seguro/insurance/m
accidente/accident/m lesión/injury/f inspector/inspector/m inspección/inspection/f
certificado/certificate/m diploma/diploma/m examen/exam/m curso/course/m
colegio_comunitario/community_college/m residencia/residency/f título/degree/m
préstamo/loan/m ayuda_financiera/financial_aid/f consulado/consulate/m ciudadano/citizen/m
naturalización/naturalization/f tarjeta_verde/green_card/f huella_digital/fingerprint/f
fotografía/photograph/f dirección/address/f teléfono/telephone/m correo/mail/m
contraseña/password/f expediente/file/m archivo/archive/m oficial/official/m
mandato/mandate/m reglamento/regulation/m estatuto/statute/m código/code/m
artículo/article/m sección/section/f capítulo/chapter/m párrafo/paragraph/m
excepción/exception/f cumplimiento/compliance/m incumplimiento/violation/m
responsabilidad/liability/f indemnización/compensation/f reclamo/claim/m
subvención/grant/f donación/donation/f costo/cost/m ahorro/savings/m deuda/debt/f
pobreza/poverty/f hambre/hunger/f refugio/shelter/m albergue/hostel/m frío/cold/m
verano/summer/m invierno/winter/m mañana/morning/f noche/night/f semana/week/f
`;

const ADJECTIVES = `
migratorio/immigration federal/federal local/local estatal/state municipal/municipal
público/public civil/civil penal/criminal judicial/judicial administrativo/administrative
nuevo/new actual/current anterior/previous confidencial/confidential escolar/school
universitario/university laboral/labor mínimo/minimum justo/fair igual/equal seguro/safe
vulnerable/vulnerable indocumentado/undocumented extranjero/foreign nacional/national
constitucional/constitutional obligatorio/mandatory voluntario/voluntary temporal/temporary
permanente/permanent anual/annual mensual/monthly gratuito/free completo/full parcial/partial
claro/clear necesario/necessary suficiente/sufficient específico/specific general/general
especial/special económico/economic social/social médico/medical legal/legal
ilegal/unlawful oficial/official escrito/written verbal/verbal digital/digital
electrónico/electronic bilingüe/bilingual hispano/Hispanic latino/Latino
comunitario/community familiar/family infantil/childhood juvenil/youth rural/rural
urbano/urban regional/regional independiente/independent responsable/responsible
transparente/transparent razonable/reasonable inmediato/immediate previo/prior
posterior/subsequent último/last primero/first segundo/second amplio/broad
estricto/strict limitado/limited excepcional/exceptional urgente/urgent grave/serious
pequeño/small grande/large largo/long corto/short alto/high bajo/low antiguo/old
moderno/modern común/common privado/private abierto/open cerrado/closed
`;

const VERBS = `
protege/protect prohíbe/prohibit permite/allow exige/require limita/limit
establece/establish crea/create garantiza/guarantee define/define regula/regulate
aplica/apply revisa/review publica/publish comparte/share recopila/collect conserva/keep
elimina/remove financia/fund apoya/support reconoce/recognize declara/declare ordena/order
autoriza/authorize restringe/restrict amplía/expand reduce/reduce aumenta/increase
informa/inform notifica/notify consulta/consult coordina/coordinate ofrece/offer
asegura/ensure promueve/promote reafirma/reaffirm rechaza/reject modifica/amend
sustituye/replace deroga/repeal suspende/suspend investiga/investigate sanciona/sanction
capacita/train contrata/hire evalúa/evaluate supervisa/oversee documenta/document
traduce/translate mantiene/maintain respeta/respect defiende/defend detiene/detain
arresta/arrest libera/release transfiere/transfer solicita/request recibe/receive
entrega/deliver verifica/verify identifica/identify pregunta/ask examina/examine
`;

interface Noun {
  es: string;
  en: string;
  feminine: boolean;
}
interface Pair {
  es: string;
  en: string;
}

const words = (list: string) => list.trim().split(/\s+/);
const spaced = (w: string) => w.replace(/_/g, ' ');
const nouns: Noun[] = words(NOUNS).map((entry) => {
  const [es = '', en = '', g] = entry.split('/');
  return { es: spaced(es), en: spaced(en), feminine: g === 'f' };
});
const adjectives: Pair[] = words(ADJECTIVES).map((entry) => {
  const [es = '', en = ''] = entry.split('/');
  return { es, en };
});
const verbs: Pair[] = words(VERBS).map((entry) => {
  const [es = '', en = ''] = entry.split('/');
  return { es, en };
});

/** The number of distinct words per language in the vocabulary lists. */
export const vocabularySize = {
  nouns: nouns.length,
  adjectives: adjectives.length,
  verbs: verbs.length,
};

const pickNoun = zipf(nouns.length, 0.8);
const pickAdjective = zipf(adjectives.length, 0.7);
const pickVerb = zipf(verbs.length, 0.7);

/**
 * The words one policy uses: a few distinct nouns, adjectives and verbs drawn from the Zipf
 * distributions, so that a frequent word is in most policies and a rare one in a few (a real
 * text repeats its own words rather than sampling the whole language every sentence).
 */
interface Lexicon {
  nouns: Noun[];
  adjectives: Pair[];
  verbs: Pair[];
}
function distinct<T>(r: Rand, from: T[], draw: (r: Rand) => number, n: number): T[] {
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < n && tries < n * 20; tries++) chosen.add(draw(r));
  return [...chosen].map((i) => from[i]!);
}
function documentLexicon(r: Rand): Lexicon {
  return {
    nouns: distinct(r, nouns, pickNoun, 16),
    adjectives: distinct(r, adjectives, pickAdjective, 8),
    verbs: distinct(r, verbs, pickVerb, 8),
  };
}

const feminineAdjective = (a: string) => (a.endsWith('o') ? a.slice(0, -1) + 'a' : a);
const adjEs = (a: Pair, n: Noun) => (n.feminine ? feminineAdjective(a.es) : a.es);
const the = (n: Noun) => `${n.feminine ? 'la' : 'el'} ${n.es}`;
const ofThe = (n: Noun) => (n.feminine ? `de la ${n.es}` : `del ${n.es}`);
const aNoun = (n: Noun) => `${n.feminine ? 'una' : 'un'} ${n.es}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
function thirdPerson(verb: string): string {
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ies';
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return verb + 'es';
  return verb + 's';
}

/** One generated sentence in both languages, from the Zipf-distributed vocabulary. */
function filler(r: Rand, lexicon: Lexicon): Pair {
  const n1 = pick(r, lexicon.nouns);
  const n2 = pick(r, lexicon.nouns);
  const n3 = pick(r, lexicon.nouns);
  const a = pick(r, lexicon.adjectives);
  const v = pick(r, lexicon.verbs);
  switch (int(r, 0, 4)) {
    case 0:
      return {
        es: `${capital(the(n1))} ${adjEs(a, n1)} ${v.es} ${the(n2)} ${ofThe(n3)}.`,
        en: `The ${a.en} ${n1.en} ${thirdPerson(v.en)} the ${n2.en} of the ${n3.en}.`,
      };
    case 1:
      return {
        es: `${capital(the(n1))} ${v.es} ${the(n2)} ${adjEs(a, n2)} para ${the(n3)}.`,
        en: `The ${n1.en} ${thirdPerson(v.en)} the ${a.en} ${n2.en} for the ${n3.en}.`,
      };
    case 2:
      return {
        es: `${capital(the(n1))} no ${v.es} ${the(n2)} sin ${aNoun(n3)} ${adjEs(a, n3)}.`,
        en: `The ${n1.en} does not ${v.en} the ${n2.en} without a ${a.en} ${n3.en}.`,
      };
    case 3:
      return {
        es: `Según ${the(n1)}, ${the(n2)} ${adjEs(a, n2)} ${v.es} ${the(n3)}.`,
        en: `According to the ${n1.en}, the ${a.en} ${n2.en} ${thirdPerson(v.en)} the ${n3.en}.`,
      };
    default:
      return {
        es: `Cada ${n1.es} ${v.es} ${the(n2)} ${ofThe(n3)} ${adjEs(a, n3)} al menos una vez al año.`,
        en: `Each ${n1.en} must ${v.en} the ${n2.en} of the ${a.en} ${n3.en} at least once a year.`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Topics: what policies are about, with title endings and hand-written sentences.

interface Topic {
  slug: string;
  name: Pair;
  category: string;
  titles: Pair[];
  sentences: Pair[];
}

const TOPICS: Topic[] = [
  {
    slug: 'local-enforcement',
    name: { es: 'Policía local e inmigración', en: 'Local police and immigration' },
    category: 'status_inquiries',
    titles: [
      {
        es: 'que prohíbe usar recursos locales para hacer cumplir la ley de inmigración',
        en: 'prohibiting the use of local resources to enforce immigration law',
      },
      {
        es: 'que declara a la comunidad amigable con los inmigrantes',
        en: 'declaring the community immigrant-friendly',
      },
    ],
    sentences: [
      {
        es: 'La policía no pregunta por el estatus migratorio de una persona durante una parada de tráfico.',
        en: 'Police do not ask about a person’s immigration status during a traffic stop.',
      },
      {
        es: 'El dinero, el personal y los recursos locales no se usan para hacer cumplir la ley federal de inmigración civil.',
        en: 'Local money, staff and resources are not used to enforce federal civil immigration law.',
      },
      {
        es: 'Los agentes no pueden interrogar, identificar ni arrestar a nadie solo por su estatus migratorio.',
        en: 'Officers may not question, identify or arrest anyone only because of their immigration status.',
      },
      {
        es: 'La Oficina del Sheriff debe seguir esta política, salvo que una ley federal lo exija.',
        en: 'The Sheriff’s Office must follow this policy, unless a federal law requires otherwise.',
      },
      {
        es: 'Las víctimas y los testigos de un delito pueden hablar con la policía sin miedo a la deportación.',
        en: 'Victims and witnesses of a crime can talk to the police without fear of deportation.',
      },
    ],
  },
  {
    slug: 'detainers',
    name: { es: 'Órdenes de detención migratoria', en: 'Immigration detainers' },
    category: 'detainers',
    titles: [
      {
        es: 'sobre las órdenes de detención migratoria (detainers)',
        en: 'on immigration detainers',
      },
      {
        es: 'que limita la detención de personas a pedido de inmigración',
        en: 'limiting detention of people at the request of immigration authorities',
      },
    ],
    sentences: [
      {
        es: 'La cárcel no mantiene detenida a una persona después de su fecha de liberación solo porque inmigración lo pide con una orden de detención.',
        en: 'The jail does not hold a person past their release date only because immigration asks for it with a detainer.',
      },
      {
        es: 'Una orden de detención migratoria no es una orden judicial firmada por un juez.',
        en: 'An immigration detainer is not a judicial warrant signed by a judge.',
      },
      {
        es: 'Mantener detenida a una persona sin una orden judicial puede violar la Cuarta Enmienda.',
        en: 'Holding a person without a judicial warrant may violate the Fourth Amendment.',
      },
      {
        es: 'El centro de detención registra y libera a las personas solo por cargos penales.',
        en: 'The detention center books and releases people on criminal charges only.',
      },
      {
        es: 'La cárcel no avisa a inmigración la fecha ni la hora de liberación de una persona.',
        en: 'The jail does not notify immigration of the date or time a person will be released.',
      },
    ],
  },
  {
    slug: 'enforcement-agreements',
    name: {
      es: 'Acuerdos 287(g) y de detención migratoria',
      en: '287(g) and immigration detention agreements',
    },
    category: 'enforcement_agreements',
    titles: [
      {
        es: 'que pone fin al acuerdo 287(g) con el gobierno federal',
        en: 'ending the 287(g) agreement with the federal government',
      },
      {
        es: 'que prohíbe contratos de detención migratoria',
        en: 'prohibiting immigration detention contracts',
      },
    ],
    sentences: [
      {
        es: 'Ninguna agencia local puede firmar un acuerdo 287(g) para que sus agentes actúen como agentes de inmigración.',
        en: 'No local agency may sign a 287(g) agreement for its officers to act as immigration agents.',
      },
      {
        es: 'El condado no renovará el contrato para alquilar camas de la cárcel a inmigración.',
        en: 'The county will not renew the contract to rent jail beds to immigration authorities.',
      },
      {
        es: 'Las empresas privadas no pueden operar centros de detención migratoria en el estado.',
        en: 'Private companies may not operate immigration detention centers in the state.',
      },
      {
        es: 'Los acuerdos vigentes terminan dentro de los noventa días siguientes a la aprobación.',
        en: 'Existing agreements end within ninety days after adoption.',
      },
    ],
  },
  {
    slug: 'privacy-and-information',
    name: { es: 'Privacidad y datos personales', en: 'Privacy and personal information' },
    category: 'information_sharing',
    titles: [
      {
        es: 'que protege la información personal de los residentes',
        en: 'protecting residents’ personal information',
      },
      {
        es: 'sobre el intercambio de datos con agencias federales de inmigración',
        en: 'on sharing data with federal immigration agencies',
      },
    ],
    sentences: [
      {
        es: 'Los empleados no comparten la dirección, el teléfono ni el lugar de trabajo de una persona con inmigración.',
        en: 'Employees do not share a person’s address, telephone number or workplace with immigration authorities.',
      },
      {
        es: 'Las bases de datos de la ciudad no registran el lugar de nacimiento ni la ciudadanía.',
        en: 'City databases do not record place of birth or citizenship.',
      },
      {
        es: 'Inmigración necesita una orden judicial para consultar los registros de licencias.',
        en: 'Immigration authorities need a judicial warrant to search license records.',
      },
      {
        es: 'Los datos de los lectores de placas se borran después de treinta días.',
        en: 'License plate reader data is deleted after thirty days.',
      },
    ],
  },
  {
    slug: 'protected-places',
    name: {
      es: 'Lugares protegidos y órdenes judiciales',
      en: 'Protected places and warrants',
    },
    category: 'non_public_access',
    titles: [
      {
        es: 'sobre el acceso de agentes de inmigración a lugares públicos',
        en: 'on immigration agents’ access to public places',
      },
      {
        es: 'que declara lugares seguros las escuelas, clínicas y bibliotecas',
        en: 'declaring schools, clinics and libraries safe places',
      },
    ],
    sentences: [
      {
        es: 'Los agentes de inmigración no pueden entrar a las áreas no públicas de un edificio sin una orden judicial firmada por un juez.',
        en: 'Immigration agents may not enter non-public areas of a building without a warrant signed by a judge.',
      },
      {
        es: 'Las escuelas, las clínicas, las bibliotecas y las iglesias son lugares seguros para todas las familias.',
        en: 'Schools, clinics, libraries and churches are safe places for every family.',
      },
      {
        es: 'El personal debe pedir ver la orden judicial y llamar a la oficina legal antes de permitir el acceso.',
        en: 'Staff must ask to see the judicial warrant and call the legal office before allowing access.',
      },
    ],
  },
  {
    slug: 'schools',
    name: { es: 'Escuelas', en: 'Schools' },
    category: 'schools',
    titles: [
      {
        es: 'que protege a los estudiantes inmigrantes y a sus familias',
        en: 'protecting immigrant students and their families',
      },
      {
        es: 'sobre la educación de los estudiantes sin importar su estatus migratorio',
        en: 'on educating students regardless of immigration status',
      },
    ],
    sentences: [
      {
        es: 'Todos los niños tienen derecho a la educación pública, sin importar su estatus migratorio o el de sus padres.',
        en: 'Every child has the right to a public education, regardless of their immigration status or their parents’.',
      },
      {
        es: 'La escuela no pide el número de seguro social ni documentos de inmigración para inscribir a un estudiante.',
        en: 'The school does not ask for a social security number or immigration papers to enroll a student.',
      },
      {
        es: 'Los maestros reciben capacitación para apoyar a los estudiantes con miedo a la deportación de su familia.',
        en: 'Teachers receive training to support students who fear their family’s deportation.',
      },
      {
        es: 'La junta de educación ofrece información en español y en inglés a todas las familias.',
        en: 'The board of education offers information in Spanish and English to every family.',
      },
    ],
  },
  {
    slug: 'workers-and-wages',
    name: { es: 'Trabajo y salarios', en: 'Work and wages' },
    category: 'labor_and_wages',
    titles: [
      { es: 'que establece un salario mínimo local', en: 'establishing a local minimum wage' },
      {
        es: 'contra el robo de salario a los trabajadores',
        en: 'against wage theft from workers',
      },
    ],
    sentences: [
      {
        es: 'El salario mínimo sube cada año según el costo de la vida.',
        en: 'The minimum wage rises every year with the cost of living.',
      },
      {
        es: 'Los trabajadores pueden presentar una queja por robo de salario sin importar su estatus migratorio.',
        en: 'Workers can file a wage theft complaint regardless of their immigration status.',
      },
      {
        es: 'El empleador que no paga las horas extra debe pagar el doble de lo que debe.',
        en: 'An employer who does not pay overtime must pay double what it owes.',
      },
      {
        es: 'Se prohíben las represalias contra un trabajador que denuncia a su empleador.',
        en: 'Retaliation against a worker who reports their employer is prohibited.',
      },
    ],
  },
  {
    slug: 'drivers-licenses',
    name: { es: 'Licencias de manejo', en: 'Driver’s licenses' },
    category: 'drivers_licenses',
    titles: [
      {
        es: 'que permite a todos los residentes obtener una licencia de conducir',
        en: 'allowing every resident to obtain a driver’s license',
      },
      {
        es: 'sobre las licencias de manejo y las tarjetas de identificación',
        en: 'on driver’s licenses and identification cards',
      },
    ],
    sentences: [
      {
        es: 'Cualquier residente del estado puede obtener una licencia de conducir, con o sin número de seguro social.',
        en: 'Any resident of the state can obtain a driver’s license, with or without a social security number.',
      },
      {
        es: 'La licencia de manejo no indica el estatus migratorio de la persona.',
        en: 'The driver’s license does not show the person’s immigration status.',
      },
      {
        es: 'Se aceptan el pasaporte extranjero y la matrícula consular como prueba de identidad.',
        en: 'A foreign passport and a consular ID card are accepted as proof of identity.',
      },
    ],
  },
  {
    slug: 'higher-education',
    name: { es: 'Universidad y matrícula', en: 'College and tuition' },
    category: 'higher_education',
    titles: [
      {
        es: 'que ofrece matrícula estatal a estudiantes indocumentados',
        en: 'granting in-state tuition to undocumented students',
      },
      {
        es: 'sobre becas y ayuda financiera para estudiantes inmigrantes',
        en: 'on scholarships and financial aid for immigrant students',
      },
    ],
    sentences: [
      {
        es: 'Los estudiantes que terminaron la preparatoria en el estado pagan la matrícula estatal en la universidad.',
        en: 'Students who finished high school in the state pay in-state tuition at the university.',
      },
      {
        es: 'Los estudiantes indocumentados pueden recibir becas estatales y ayuda financiera.',
        en: 'Undocumented students can receive state scholarships and financial aid.',
      },
      {
        es: 'El colegio comunitario no pide documentos de inmigración para la inscripción.',
        en: 'The community college does not require immigration documents to enroll.',
      },
    ],
  },
  {
    slug: 'city-and-county-services',
    name: { es: 'Servicios de la ciudad y del condado', en: 'City and county services' },
    category: 'access_to_services',
    titles: [
      {
        es: 'que garantiza el acceso a los servicios sin importar el estatus migratorio',
        en: 'guaranteeing access to services regardless of immigration status',
      },
      {
        es: 'sobre el acceso lingüístico a los servicios públicos',
        en: 'on language access to public services',
      },
    ],
    sentences: [
      {
        es: 'Los servicios de la ciudad están abiertos a todos los residentes sin importar su estatus migratorio.',
        en: 'City services are open to every resident regardless of immigration status.',
      },
      {
        es: 'Las oficinas ofrecen intérpretes y traducción de documentos sin costo.',
        en: 'Offices provide interpreters and document translation at no cost.',
      },
      {
        es: 'Se crea una oficina de asuntos de inmigrantes y refugiados.',
        en: 'An office of immigrant and refugee affairs is created.',
      },
      {
        es: 'El fondo de defensa legal paga abogados para personas en procesos de deportación.',
        en: 'The legal defense fund pays lawyers for people in deportation proceedings.',
      },
    ],
  },
  {
    slug: 'civil-rights',
    name: {
      es: 'Derechos civiles y no discriminación',
      en: 'Civil rights and non-discrimination',
    },
    category: 'other',
    titles: [
      {
        es: 'contra la discriminación por origen nacional',
        en: 'against discrimination based on national origin',
      },
      {
        es: 'que reafirma los derechos constitucionales de todos los residentes',
        en: 'reaffirming the constitutional rights of all residents',
      },
    ],
    sentences: [
      {
        es: 'Nadie puede ser discriminado por su origen nacional, su idioma o su estatus migratorio.',
        en: 'No one may be discriminated against because of national origin, language or immigration status.',
      },
      {
        es: 'La Décima Enmienda permite a los gobiernos locales decidir cómo usan sus recursos.',
        en: 'The Tenth Amendment lets local governments decide how they use their resources.',
      },
      {
        es: 'La comisión de derechos humanos investiga las quejas de discriminación.',
        en: 'The human rights commission investigates discrimination complaints.',
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Places and bodies.

const STATE_OCD = 'ocd-division/country:us/state:au';
const COUNTY_NAMES = words(`
Arroyo Bravo Cañón Cimarrón Colorado Cordero Dorado Encino Esperanza Estrella Galisteo
Guadalupe Jémez Lago Llano Madera Manzano Mesa Mora Nogal Oso Pecos Piñón Placitas Quemado
Rincón Sabino Salinas Tierra_Amarilla Vado`).map(spaced);

const CITY_PARTS: [string, string[]][] = [
  ['San', words('Miguel Pedro Juan José Marcos Fernando Lorenzo Antonio Rafael Gabriel')],
  ['Santa', words('Rosa Fe Cruz Clara Ana Rita Isabel Lucía Teresa Mónica')],
  ['Los', words('Álamos Robles Pinos Cedros Cerros Llanos Ranchos Sauces Olivos')],
  ['Las', words('Cruces Palmas Lomas Vegas Flores Piedras Nubes Fuentes Huertas Brisas')],
  ['', words('Cedar Pine Maple Oak Willow Aspen Granite Silver Copper Eagle Elk Hawk')],
];
const CITY_SUFFIXES = words('Falls Creek Springs Valley Ridge Grove');
const SURNAMES = words(`
García Martínez López Sánchez Romero Chávez Baca Trujillo Montoya Gallegos Lucero Vigil
Smith Johnson Brown Miller Davis Wilson Anderson Taylor O'Malley Nguyen Begay Yazzie`);

interface Place {
  ocd: string;
  slug: string;
  name: Pair;
  kind: 'state' | 'county' | 'city' | 'school_district';
  legislative: string;
  executive: string;
}

function cityNames(): string[] {
  const out: string[] = [];
  for (const [prefix, roots] of CITY_PARTS) {
    for (const root of roots) {
      if (prefix) out.push(`${prefix} ${root}`);
      else for (const suffix of CITY_SUFFIXES) out.push(`${root} ${suffix}`);
    }
  }
  return out;
}

function buildPlaces(r: Rand): {
  jurisdictions: JurisdictionInput[];
  bodies: BodyInput[];
  state: Place;
  counties: Place[];
  cities: Place[];
  schools: Place[];
} {
  const jurisdictions: JurisdictionInput[] = [];
  const bodies: BodyInput[] = [];
  const state: Place = {
    ocd: STATE_OCD,
    slug: 'aurora',
    name: { es: 'Estado de Aurora', en: 'State of Aurora' },
    kind: 'state',
    legislative: 'aurora-legislature',
    executive: 'aurora-governor',
  };
  jurisdictions.push({ ocd_id: state.ocd, slug: state.slug, name: state.name, kind: 'state' });
  bodies.push(
    {
      slug: 'aurora-legislature',
      jurisdiction: state.ocd,
      classification: 'legislature',
      name: { es: 'Legislatura de Aurora', en: 'Aurora Legislature' },
    },
    {
      slug: 'aurora-house',
      jurisdiction: state.ocd,
      classification: 'chamber',
      parent: 'aurora-legislature',
      name: { es: 'Cámara de Representantes de Aurora', en: 'Aurora House of Representatives' },
      seats: 70,
    },
    {
      slug: 'aurora-senate',
      jurisdiction: state.ocd,
      classification: 'chamber',
      parent: 'aurora-legislature',
      name: { es: 'Senado de Aurora', en: 'Aurora Senate' },
      seats: 42,
    },
    {
      slug: 'aurora-governor',
      jurisdiction: state.ocd,
      classification: 'executive',
      name: { es: 'Gobernador o gobernadora de Aurora', en: 'Governor of Aurora' },
    },
  );

  const counties: Place[] = COUNTY_NAMES.map((name) => {
    const slug = `${slugify(name)}-county`;
    const ocd = `${STATE_OCD}/county:${slugify(name).replace(/-/g, '_')}`;
    jurisdictions.push({
      ocd_id: ocd,
      slug,
      name: { es: `Condado de ${name}`, en: `${name} County` },
      kind: 'county',
      parent: STATE_OCD,
    });
    bodies.push(
      {
        slug: `${slug}-commission`,
        jurisdiction: ocd,
        classification: 'commission',
        name: {
          es: `Comisión del Condado de ${name}`,
          en: `${name} County Commission`,
        },
        seats: 5,
      },
      {
        slug: `${slug}-manager`,
        jurisdiction: ocd,
        classification: 'executive',
        name: { es: `Administración del Condado de ${name}`, en: `${name} County Manager` },
      },
    );
    return {
      ocd,
      slug,
      name: { es: `condado de ${name}`, en: `${name} County` },
      kind: 'county',
      legislative: `${slug}-commission`,
      executive: `${slug}-manager`,
    };
  });

  const cities: Place[] = cityNames()
    .slice(0, 100)
    .map((name) => {
      const county = pick(r, counties);
      const slug = slugify(name);
      const ocd = `${STATE_OCD}/place:${slug.replace(/-/g, '_')}`;
      jurisdictions.push({
        ocd_id: ocd,
        slug,
        name: { es: `Ciudad de ${name}`, en: `City of ${name}` },
        kind: 'city',
        parent: county.ocd,
      });
      bodies.push(
        {
          slug: `${slug}-city-council`,
          jurisdiction: ocd,
          classification: 'council',
          name: { es: `Concejo Municipal de ${name}`, en: `${name} City Council` },
          seats: int(r, 5, 11),
        },
        {
          slug: `${slug}-mayor`,
          jurisdiction: ocd,
          classification: 'executive',
          name: { es: `Alcaldía de ${name}`, en: `Mayor of ${name}` },
        },
      );
      return {
        ocd,
        slug,
        name: { es: `ciudad de ${name}`, en: `City of ${name}` },
        kind: 'city',
        legislative: `${slug}-city-council`,
        executive: `${slug}-mayor`,
      };
    });

  const schools: Place[] = counties.map((county, i) => {
    const name = COUNTY_NAMES[i]!;
    const key = slugify(name);
    const slug = `${key}-public-schools`;
    const ocd = `${county.ocd}/school_district:${key.replace(/-/g, '_')}_public_schools`;
    jurisdictions.push({
      ocd_id: ocd,
      slug,
      name: { es: `Escuelas Públicas de ${name}`, en: `${name} Public Schools` },
      kind: 'school_district',
      parent: county.ocd,
    });
    bodies.push(
      {
        slug: `${slug}-board`,
        jurisdiction: ocd,
        classification: 'school_board',
        name: { es: `Junta de Educación de ${name}`, en: `${name} Board of Education` },
        seats: 7,
      },
      {
        slug: `${slug}-superintendent`,
        jurisdiction: ocd,
        classification: 'executive',
        name: { es: `Superintendencia de ${name}`, en: `${name} Superintendent` },
      },
    );
    return {
      ocd,
      slug,
      name: { es: `las Escuelas Públicas de ${name}`, en: `${name} Public Schools` },
      kind: 'school_district',
      legislative: `${slug}-board`,
      executive: `${slug}-superintendent`,
    };
  });
  return { jurisdictions, bodies, state, counties, cities, schools };
}

// ---------------------------------------------------------------------------------------------
// Policies.

type Classification = PolicyInput['classification'];

const CLASSIFICATIONS: Record<Place['kind'], [Classification, number][]> = {
  state: [
    ['bill', 70],
    ['joint_memorial', 10],
    ['statute', 10],
    ['executive_order', 10],
  ],
  county: [
    ['resolution', 60],
    ['ordinance', 30],
    ['executive_order', 10],
  ],
  city: [
    ['resolution', 45],
    ['ordinance', 30],
    ['memorial', 10],
    ['executive_order', 8],
    ['proclamation', 7],
  ],
  school_district: [
    ['board_policy', 55],
    ['procedural_directive', 30],
    ['resolution', 15],
  ],
};

const CLASS_NAMES: Record<string, Pair> = {
  bill: { es: 'Proyecto de ley', en: 'Bill' },
  joint_memorial: { es: 'Memorial conjunto', en: 'Joint memorial' },
  statute: { es: 'Ley', en: 'Act' },
  executive_order: { es: 'Orden ejecutiva', en: 'Executive order' },
  resolution: { es: 'Resolución', en: 'Resolution' },
  ordinance: { es: 'Ordenanza', en: 'Ordinance' },
  memorial: { es: 'Memorial', en: 'Memorial' },
  proclamation: { es: 'Proclamación', en: 'Proclamation' },
  board_policy: { es: 'Política de la junta', en: 'Board policy' },
  procedural_directive: { es: 'Directiva de procedimiento', en: 'Procedural directive' },
};

const STATUSES: [PolicyInput['status'] & string, number][] = [
  ['in_force', 45],
  ['enacted_non_binding', 14],
  ['pending', 10],
  ['failed', 8],
  ['unknown', 7],
  ['repealed', 6],
  ['superseded', 6],
  ['vetoed', 4],
];

const MONTHS = words(`enero/January febrero/February marzo/March abril/April mayo/May
junio/June julio/July agosto/August septiembre/September octubre/October
noviembre/November diciembre/December`).map((m) => {
  const [es = '', en = ''] = m.split('/');
  return { es, en };
});

function identifierFor(
  r: Rand,
  place: Place,
  classification: Classification,
  year: number,
): { primary: string; others: { scheme: 'enactment_number' | 'alias'; value: string }[] } {
  const yy = String(year % 100).padStart(2, '0');
  switch (place.kind) {
    case 'state': {
      if (classification === 'executive_order')
        return { primary: `EO ${year}-${String(int(r, 1, 40)).padStart(3, '0')}`, others: [] };
      const chamber = r() < 0.55 ? 'H' : 'S';
      const kind = classification === 'joint_memorial' ? 'JM' : r() < 0.1 ? 'JR' : 'B';
      const primary = `${chamber}${kind} ${int(r, 1, 480)}`;
      const others =
        classification === 'statute'
          ? [{ scheme: 'enactment_number' as const, value: `Laws ${year}, ch. ${int(r, 1, 150)}` }]
          : [];
      return { primary, others };
    }
    case 'county': {
      if (classification === 'ordinance')
        return { primary: `Ordinance ${year}-${int(r, 1, 40)}`, others: [] };
      if (classification === 'executive_order')
        return { primary: `EO ${year}-${int(r, 1, 20)}`, others: [] };
      return { primary: `AR ${year}-${int(r, 1, 120)}`, others: [] };
    }
    case 'city': {
      const letter: Record<string, string> = {
        resolution: 'R',
        ordinance: 'O',
        memorial: 'M',
        executive_order: 'EO',
        proclamation: 'P',
      };
      const primary = `${letter[classification] ?? 'R'}-${yy}-${int(r, 1, 300)}`;
      const others = r() < 0.15 ? [{ scheme: 'alias' as const, value: `F/S ${primary}` }] : [];
      return { primary, others };
    }
    default: {
      const code = pick(r, ['J', 'JF', 'JFAB', 'JH', 'JB', 'AC', 'GBA', 'KB']);
      if (classification === 'board_policy') return { primary: `Policy ${code}`, others: [] };
      if (classification === 'procedural_directive')
        return { primary: `PD ${code}.${int(r, 1, 30)}`, others: [] };
      return { primary: `Res. ${year}-${int(r, 1, 25)}`, others: [] };
    }
  }
}

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Sentences until the Spanish text reaches `target` words; topic sentences first. */
function paragraph(r: Rand, lexicon: Lexicon, pool: Pair[], target: number): Pair {
  const es: string[] = [];
  const en: string[] = [];
  let count = 0;
  while (count < target) {
    const useTopic = pool.length > 0 && r() < 0.35;
    const s = useTopic ? pool.splice(Math.floor(r() * pool.length), 1)[0]! : filler(r, lexicon);
    es.push(s.es);
    en.push(s.en);
    count += wordCount(s.es);
  }
  return { es: es.join(' '), en: en.join(' ') };
}

function makePolicy(r: Rand, place: Place, slugs: Set<string>, identifiers: string[]): PolicyInput {
  const classification = weighted(r, CLASSIFICATIONS[place.kind]);
  const year = 2025 - Math.min(25, Math.floor(-Math.log(1 - r()) * 6));
  const month = int(r, 1, 12);
  const day = int(r, 1, 28);
  const status = weighted(r, STATUSES);
  const stance = weighted(r, [
    ['protects', 60],
    ['harms', 25],
    ['mixed', 15],
  ] as const);
  const topic = weighted(
    r,
    TOPICS.map((t, i) => [t, i < 2 ? 3 : 1.5] as const),
  );
  const others = TOPICS.filter((t) => t !== topic && r() < 0.12);
  const { primary, others: extra } = identifierFor(r, place, classification, year);
  identifiers.push(primary, ...extra.map((e) => e.value));

  let slug = `${place.slug}-${slugify(primary)}`;
  for (let n = 2; slugs.has(slug); n++) slug = `${place.slug}-${slugify(primary)}-${n}`;
  slugs.add(slug);

  const kind = CLASS_NAMES[classification] ?? { es: 'Política', en: 'Policy' };
  const titleTail = pick(r, topic.titles);
  const title = {
    es: `${kind.es} ${primary} ${titleTail.es}`,
    en: `${kind.en} ${primary} ${titleTail.en}`,
  };
  const dateEs = `${day} de ${MONTHS[month - 1]!.es} de ${year}`;
  const dateEn = `${MONTHS[month - 1]!.en} ${day}, ${year}`;
  const yes = int(r, 3, 9);
  const no = int(r, 0, Math.max(0, yes - 1));
  const sponsor = pick(r, SURNAMES);
  const adopted = status !== 'pending' && status !== 'failed';
  const placeName = place.name;

  const pool = [topic, ...others].flatMap((t) => t.sentences);
  const lexicon = documentLexicon(r);
  const lead: Pair = adopted
    ? {
        es: `${capital(placeName.es)} aprobó ${kind.es.toLowerCase()} ${primary} el ${dateEs}, por ${yes} votos contra ${no}.`,
        en: `${placeName.en} adopted ${kind.en.toLowerCase()} ${primary} on ${dateEn}, by a vote of ${yes} to ${no}.`,
      }
    : {
        es: `${kind.es} ${primary} se presentó el ${dateEs} y no fue aprobado.`,
        en: `${kind.en} ${primary} was introduced on ${dateEn} and was not adopted.`,
      };
  const summaryBody = paragraph(r, lexicon, pool, int(r, 45, 60));
  const summary = { es: `${lead.es} ${summaryBody.es}`, en: `${lead.en} ${summaryBody.en}` };
  const what = paragraph(r, lexicon, pool, int(r, 110, 140));
  const background = paragraph(r, lexicon, pool, int(r, 80, 100));
  const fullText = {
    es: `La propuso ${pick(r, ['el concejal', 'la concejala', 'el comisionado', 'la comisionada', 'la representante', 'el senador'])} ${sponsor}.\n\n**Qué dice.** ${what.es}\n\n**Antecedentes.** ${background.es}`,
    en: `${pick(r, ['Councilor', 'Commissioner', 'Representative', 'Senator'])} ${sponsor} sponsored it.\n\n**What it says.** ${what.en}\n\n**Background.** ${background.en}`,
  };
  const machine = r() < 0.2;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const firstSentence = topic.sentences[0]!;

  return {
    slug,
    classification,
    status,
    stance,
    jurisdiction: place.ocd,
    body: classification === 'executive_order' ? place.executive : place.legislative,
    topics: [topic.slug, ...others.map((t) => t.slug)],
    verification: r() < 0.6 ? 'verified' : 'unverified',
    title: { ...title, verification: 'verified' },
    summary: { ...summary, ...(machine ? { en_state: 'machine' as const } : {}) },
    full_text: { ...fullText, ...(machine ? { en_state: 'machine' as const } : {}) },
    identifiers: [
      { scheme: 'bill_number', value: primary, primary: true, verification: 'verified' },
      ...extra.map((e) => ({ scheme: e.scheme, value: e.value })),
    ],
    dates: {
      introduced: { date: `${year}-${String(month).padStart(2, '0')}` },
      ...(adopted ? { adopted: { date, verification: 'verified' as const } } : {}),
    },
    provisions: [
      {
        category: topic.category as 'other',
        es: firstSentence.es,
        en: firstSentence.en,
        verification: 'verified',
      },
    ],
    actions: [
      {
        date: `${year}-${String(month).padStart(2, '0')}`,
        classification: ['introduction'],
        body: place.legislative,
        description: { es: 'Presentación', en: 'Introduced' },
      },
      {
        date,
        classification: [adopted ? 'passage' : 'failure'],
        body: place.legislative,
        description: adopted
          ? { es: 'Aprobación', en: 'Adopted' }
          : { es: 'No aprobada', en: 'Failed' },
        votes: { yes: adopted ? yes : no, no: adopted ? no : yes },
      },
    ],
    sources: [
      {
        url: `https://records.example.org/${place.slug}/${slugify(primary)}`,
        title: `${kind.en} ${primary}`,
        publisher: placeName.en,
        accessed: '2025-01',
      },
    ],
  };
}

/** N policies (default 10,000) with their places, bodies and topics, from `seed`. */
export function generateCorpus(options: { policies?: number; seed?: number } = {}): Corpus {
  const n = options.policies ?? 10_000;
  const r = prng(options.seed ?? 20_240_601);
  const places = buildPlaces(r);
  const byKind: [Place[], number][] = [
    [[places.state], 12],
    [places.counties, 30],
    [places.cities, 43],
    [places.schools, 15],
  ];
  const pickers = new Map(byKind.map(([list]) => [list, zipf(list.length, 0.8)]));
  const slugs = new Set<string>();
  const identifiers: string[] = [];
  const policies: PolicyInput[] = [];
  for (let i = 0; i < n; i++) {
    const list = weighted(r, byKind);
    const place = list[pickers.get(list)!(r)]!;
    policies.push(makePolicy(r, place, slugs, identifiers));
  }
  return {
    data: {
      jurisdictions: places.jurisdictions,
      bodies: places.bodies,
      topics: TOPICS.map((t, position) => ({ slug: t.slug, name: t.name, position })),
      policies,
    },
    places: {
      state: places.state.ocd,
      counties: places.counties.map((p) => p.ocd),
      cities: places.cities.map((p) => p.ocd),
      schoolDistricts: places.schools.map((p) => p.ocd),
    },
    identifiers,
  };
}
