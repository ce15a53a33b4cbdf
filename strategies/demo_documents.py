"""The governing documents of the five seed files, as data (DESIGN, seeds/README.md).

Text is verbatim from the seeds; only the text-extraction artefacts are gone
(markdown asterisks, bullet dashes of list items that became separate rows).
Nothing is invented: where a seed leaves a header field empty, it stays empty.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

KF = "Kommunfullmäktige"


@dataclass(frozen=True)
class SeedGoal:
    text: str
    label: str = ""


@dataclass(frozen=True)
class SeedFocusArea:
    number: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class SeedDocument:
    source: str
    kommun: str
    title: str
    document_type: str
    adopted_by: str = ""
    adopted_on: datetime.date | None = None
    # The seed treats the document as adopted but gives no date of decision.
    adoption_date_unknown: bool = False
    paragraph: str = ""
    diary_number: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    document_owner: str = ""
    applies_to_text: str = ""
    review_interval: str = ""
    purpose: str = ""
    budget_text: str = ""
    follow_up_text: str = ""
    replaces: str = ""
    parent: str = ""
    visions: tuple[str, ...] = field(default_factory=tuple)
    purposes: tuple[str, ...] = field(default_factory=tuple)
    goals: tuple[SeedGoal, ...] = field(default_factory=tuple)
    focus_areas: tuple[SeedFocusArea, ...] = field(default_factory=tuple)


ESSUNGA_PLAN = SeedDocument(
    source="000_e231877d3caeb308.txt",
    kommun="Essunga kommun",
    title="Internationell strategisk plan",
    document_type="Plan",
    adopted_by=KF,
    adopted_on=datetime.date(2017, 2, 20),
    paragraph="§ 4",
    diary_number="2016.000193",
    # "Giltighetstid 2017–2019"
    valid_from=datetime.date(2017, 1, 1),
    valid_until=datetime.date(2019, 12, 31),
    document_owner="Kommunchef",
    applies_to_text="Samtliga nämnder",
    purposes=(
        "Den internationella strategiska planen i Essunga kommun ska vara en "
        "gemensam utgångspunkt och referensram för Essunga kommuns internationella "
        "arbete och internationella projekt.",
        "Syftet är att internationellt utbyte ska tillföra kompetens och erfarenhet "
        "till kommunens verksamheter och dessutom ge en ökad förståelse och kunskap "
        "för olika kulturer i kommunen och vårt samhälle.",
        "Inte bara de kommunala verksamheterna utan också Essunga kommuns invånare, "
        "näringsliv och den idéburna sektorn ska få del av ett mervärde genom det "
        "internationella arbetet.",
        "Det internationella arbetet ska samverka med innehållet i Essunga kommuns "
        "strategiska plan och bidra till att uppfylla dess mål.",
        "En särskilt prioriterad grupp är barn och ungdomar där syftet är att i ökad "
        "grad ge stöd för internationellt utbyte, till exempel volontärsamverkan inom "
        "EU.\nDet är våra barn och ungdomar som ska bära det internationella arbetet "
        "in i framtiden.",
        "Strategin för internationellt arbete i Essunga kommun ska brytas ner i en "
        "gemensam handlingsplan för alla verksamheter.",
        "Att kommunen genom olika kommunikationskanaler och media informerar om det "
        "internationella arbetet och vad nytta det har för våra medborgare.",
    ),
    goals=(
        SeedGoal(
            "Bidra till ett ökat internationellt arbete i kommunens alla verksamheter "
            "där anställda och brukare får en ökad känsla av delaktighet i vår omvärld."
        ),
        SeedGoal("Ökad extern finansiering."),
        SeedGoal("Ökat deltagande av barn och ungdomar i internationella utbyten."),
        SeedGoal("Verksamhetsutveckling genom projekt med kommuner i andra länder."),
        SeedGoal(
            "Ökad kunskap inom vår administration kring ledning av internationella "
            "projekt."
        ),
        SeedGoal(
            "Öka Essunga kommuns attraktionskraft som arbetsgivare både nationellt "
            "och internationellt."
        ),
        SeedGoal(
            "Bättre förutsättningar för näringsliv, idéburen sektor och enskilda "
            "medborgare att verka internationellt."
        ),
    ),
)

# Skara's strategy is known only through its action plan (001): what the plan says
# about it is all that is registered. No date, § or Dnr is given for either.
SKARA_STRATEGY = SeedDocument(
    source="001_eb7c21d3ea54bc9a.txt",
    kommun="Skara kommun",
    title="Strategi för ökad internationalisering",
    document_type="Strategi",
    adoption_date_unknown=True,
    purpose=(
        "Skara kommuns strategi för ökad internationalisering uttrycker kommunens "
        "ambition och vilja till att aktivt tillvarata de möjligheter som en ökad "
        "internationalisering skapar. Den är verksamhetsövergripande och ska vara en "
        "integrerad del av hela organisationen, såväl den politiska som den "
        "administrativa. Strategin syftar till att ange en inriktning och som ett "
        "underlag för prioriteringar. Den ska bidra till att främja utbyte, "
        "förståelse och samverkan mellan människor, kulturer och nationer. Det i sin "
        "tur utvecklar och skapar nytta för Skara kommuns olika verksamheter och "
        "invånare. Strategin ska ses som ett verktyg för att uppnå kommunens "
        "övergripande mål och även docka an till gällande strategier.\n\n"
        "Skara kommuns internationella strategi tar sin utgångspunkt i Skara Vision "
        "2025. Skara kommuns uppgift är att skapa goda förutsättningar för sina "
        "invånare. Visionens mål är att 2025 ska en välfärd med god kvalitet vara "
        "självklar. Visionen fokuserar på fyra områden där Skara har en stor "
        "utvecklingspotential:\n\n"
        "- I Skara är vi stolta\n"
        "- Livsstilen som konkurrenskraft\n"
        "- Vi främjar entreprenörskap\n"
        "- Självklart hållbart.\n\n"
        "Den internationella strategin uttrycker Skara kommuns ambition och vilja "
        "till att aktivt ta till vara de möjligheter som en ökad internationalisering "
        "skapar. Det gör vi genom att tillsammans satsa på följande tre prioriterade "
        "områden. En målgrupp som speciellt bör framhållas i strategin är ungdomar "
        "och satsningar på ungdomsutbyten."
    ),
    # "Skara kommuns internationella strategi tar sin utgångspunkt i Skara Vision
    # 2025": the seed's one stated vision.
    visions=(
        "Visionens mål är att 2025 ska en välfärd med god kvalitet vara självklar.",
    ),
    # The three prioritised areas are the strategy's; the plan uses them
    # (DESIGN §2.2). Their descriptions are the plan's sections on each area.
    focus_areas=(
        SeedFocusArea(
            1,
            "Internationella nätverk, kontakter och relationer",
            "Internationaliseringen leder till att nya och starkare band knyts mellan "
            "människor och att förståelsen ökar. Ett ökat samarbete i Europa och i "
            "världen minskar motsättningar och ger nya möjligheter att förbättra den "
            "sociala, ekonomiska och ekologiska tryggheten för invånarna i Skara. Med "
            "bra internationella kontakter kan Skara kommun tillvarata möjligheter och "
            "möta framtidens utmaningar på ett konstruktivt sätt. Genom att knyta nya "
            "och aktivt tillvarata internationella kontakter med strategiska partners "
            "säkerställs att Skara finns med i ett internationellt sammanhang. Skara "
            "kommun vill aktivt verka för att kommuninvånare ges möjlighet att skapa "
            "och underhålla relationer med människor i olika delar av världen.\n\n"
            "- Utveckla vänortsarbetet för att tydligare erbjuda möjligheter till "
            "lärande och utbyte\n"
            "- Vidareutveckla arbetet med internationella skolutbyten\n"
            "- Tillsammans med näringslivet, kommuner, universitet och högskolor samt "
            "regionala aktörer ska internationella kontakter och allianser skapas kring "
            "viktiga utvecklingsfrågor för kommunen\n"
            "- Knyta nya och aktivt tillvarata internationella kontakter med "
            "strategiska partners för att säkerställa att Skara finns med i ett "
            "internationellt sammanhang",
        ),
        SeedFocusArea(
            2,
            "Omvärlds- och intressebevakning",
            "Beroendet av omvärlden har ökat och kommer att fortsätta att öka. Vi "
            "påverkas av beslut och händelser som i hög utsträckning sker allt längre "
            "från den lokala nivån. En fortlöpande omvärlds- och intressebevakning "
            "utifrån ett långsiktigt perspektiv måste ske kontinuerligt vad gäller "
            "alla kommunens verksamhetsområden. En viktig framgångsfaktor för lokal "
            "utveckling är en aktiv omvärldsbevakning. Internationella kontakter ger "
            "kunskap om aktuella frågor för en god kommunal utveckling och insikt i hur "
            "dessa kan hanteras. Skara kommun vill verka för att utveckla en aktiv, "
            "informativ och transparent omvärldsbevakning som kommer de kommunala "
            "verksamheterna till del såväl som invånarna. Detta kommer kommunen göra "
            "genom att:\n\n"
            "- Knyta nya och aktivt bevara internationella kontakter med strategiska "
            "partners för att tillvarata internationell kunskap i aktuella frågor för "
            "en god kommunal utveckling\n"
            "- Skapa förståelse och dra nytta av nya möjligheter som "
            "internationaliseringen medför\n"
            "- Erbjuder kommuninvånarna information och kunskap för att kunna utgöra "
            "världsmedborgare och tillvarata sina medborgerliga rättigheter i ett nytt "
            "Europa",
        ),
        SeedFocusArea(
            3,
            "Transnationella utvecklingsprojekt",
            "Transnationella projekt kan bidra och möjliggöra så att Skara kommuns mål "
            "och vision uppfylls. Skara kommun som organisation utvecklar kompetens "
            "och färdigheter för att kunna kommunicera och agera i europeiska "
            "sammanhang vilket skapar förutsättningar för att etablera långsiktiga och "
            "mer djupgående transnationella samarbetsrelationer. Dessa samarbeten kan "
            "bidra till utveckling och innovationer, kunskap och erfarenheter från "
            "andra europeiska länder, från såväl kommuner, akademi som näringslivet. "
            "Mötet med andra sätt att tänka och arbeta praktiskt inom ett område kan "
            "ge upphov till nya idéer och innovativa lösningar på hemmaplan. På så "
            "sätt skapas mervärden för Skara kommun och dess invånare. Därmed "
            "tillgängliggörs Skara för Europa. Skara kommun vill verka för att öka "
            "internationella samarbeten och utbyten mellan kommuner i syfte att få "
            "idéer och kunskaper som kan bidra till att kommunens verksamheter "
            "förbättras och effektiviseras till nytta för kommuninvånaren. Detta "
            "kommer kommunen göra genom att:\n\n"
            "- Utveckla kompetens och färdigheter för att kunna kommunicera och agera "
            "i europeiska sammanhang vilket skapar förutsättningar för att etablera "
            "långsiktiga och mer djupgående transnationella samarbetsrelationer\n"
            "- Delta i fler transnationella projekt vilket bidrar till högre "
            "kompetens, ökad kvalitet och service och möjlighet till extern "
            "finansiering för kommunernas verksamhetsutveckling, vilket i sin tur "
            "bidrar till att höja kommunens attraktionskraft",
        ),
    ),
)

SKARA_ACTION_PLAN = SeedDocument(
    source="001_eb7c21d3ea54bc9a.txt",
    kommun="Skara kommun",
    title="Handlingsplan genomförande – Strategi för ökad internationalisering",
    document_type="Handlingsplan",
    adoption_date_unknown=True,
    # The plan covers 2017: "Målen för 2017 års internationella arbete",
    # "Budgeterade medel för 2017", "år 1, dvs. 2017".
    valid_from=datetime.date(2017, 1, 1),
    valid_until=datetime.date(2017, 12, 31),
    parent=SKARA_STRATEGY.title,
    purpose=(
        "Som komplement till strategin är den här handlingsplanen framtagen. Den "
        "beskriver närmare vem som gör vad och ska ligga till grund för den årliga "
        "verksamhetsplaneringen för kommunens förvaltningar och bolag. Vidare "
        "beskriver fördelningen av de medel som kommunstyrelsen avsatt till det "
        "internationella arbetet 2017.\n\n"
        "För att lyckas med den med den ökade internationaliseringen av Skara "
        "kommuns verksamheter är det viktigt att det i igångsättningsfasen är "
        "förankrat att det här är något som vi faktiskt ska arbeta med. Därför "
        "kommer år 1, dvs. 2017, att fokusera på förankring, utbildning och "
        "informationsöverföring."
    ),
    budget_text=(
        "Budgeterade medel för 2017 är 500 000 kr. Av dessa avsätts 250 000 kronor "
        "till skolan 2017 för att utöka och vidareutveckla arbetet med "
        "internationella skolutbyten som skolan redan har idag. Övriga medel ska "
        "finnas att tillgå för samtliga förvaltningar och kommunala bolag som "
        "medfinansiering, projektutveckling och kompetenshöjande insatser. Dessa "
        "medel söks från kommunstyrelsen genom den internationella samordnaren."
    ),
    follow_up_text=(
        "Skara kommuns förvaltningar ska i sina verksamhetsplaner redogöra för det "
        "internationella arbetet i respektive verksamhet. Uppföljning ska ske årligen."
    ),
    goals=(
        SeedGoal("Att förankra det internationella arbetet i Skara kommun", "a"),
        SeedGoal(
            "Att utbilda Skara kommuns förvaltningar att upptäcka möjligheter med "
            "internationellt arbete",
            "b",
        ),
        SeedGoal(
            "Att sondera i Skara kommuns olika förvaltningar: Vilka utmaningar/problem "
            "skulle kunna lösas genom EU-projekt?",
            "c",
        ),
    ),
)

# The header's fields (Dokumenttyp, Beslutad av, Gäller f.om. …) are empty in the
# seed; only the case number is given. The title says it is a policy.
ENKOPING_POLICY = SeedDocument(
    source="002_10ec46c542ef25f0.txt",
    kommun="Enköpings kommun",
    title="Internationell policy för Enköpings kommun",
    document_type="Policy",
    adoption_date_unknown=True,
    diary_number="KS2013/520",
    purpose=(
        "Syftet med Enköping kommuns internationella arbete är att bidra till att "
        "kommunens övergripande vision och strategiska mål uppfylls. Det "
        "internationella arbetet ska ses som ett verktyg för att främja "
        "verksamhetsutveckling och kompetensutveckling samt skapa mervärde för "
        "invånare och företag i Enköping. Syftet är vidare att ge förtroendevalda, "
        "medarbetare och invånare ytterligare ett perspektiv på den egna tillvaron"
    ),
    budget_text=(
        "Internationellt arbete är en naturlig del av varje nämnds utvecklingsarbete "
        "och ska ske inom ramen för nämndens budget. Möjligheterna till finansiering "
        "genom EU eller andra medfinansierare bör undersökas vid all "
        "verksamhetsutveckling."
    ),
    follow_up_text=(
        "I årsbokslut och årsredovisning ska nämnderna redovisa samt utvärdera sitt "
        "internationella arbete. För den kommungemensamma utvärderingen ansvarar "
        "kommunstyrelsen."
    ),
    goals=(
        SeedGoal(
            "Bidrar genom sitt internationella arbete till en fredlig och demokratisk "
            "utveckling i världen."
        ),
        SeedGoal(
            "Deltar i internationellt finansierade projekt och utbyten av god "
            "kvalitet, exempelvis via EU."
        ),
        SeedGoal(
            "Stimulerar fortsatt internationalisering av det lokala näringslivet bland "
            "annat genom samarbetet inom Stockholm Business Alliance."
        ),
        SeedGoal(
            "Uppmuntrar ett internationellt perspektiv i undervisning för barn och "
            "unga och inom vuxenundervisning."
        ),
        SeedGoal(
            "Positionerar sig som en internationellt aktiv kommun och stärker den "
            "egna konkurrenskraften."
        ),
        SeedGoal("Sprider kunskap och erfarenheter gällande hållbar utveckling."),
        SeedGoal(
            "Är en omvärldsorienterad kommun med kännedom om vad som pågår i EU och i "
            "övriga världen av intresse för de egna verksamheterna."
        ),
        SeedGoal(
            "Finansieringsmöjligheter som det internationella arbetet och EU erbjuder "
            "tas tillvara i kommunens utvecklingsarbete."
        ),
        SeedGoal(
            "Har ett aktivt vänortsarbete som utvecklas i riktning mot ett ökat "
            "erfarenhetsutbyte och ett mer projektorienterat arbetssätt."
        ),
    ),
)

# Known only from the 2013 strategy: "Antaget av fullmäktige 2009-08-25 § 170" and
# "ersätter den internationella strategin som antogs av kommunfullmäktige den 25
# augusti 2009".
VAXJO_STRATEGY_2009 = SeedDocument(
    source="003_03db92303aadf114.txt",
    kommun="Växjö kommun",
    title="Internationell strategi",
    document_type="Strategi",
    adopted_by=KF,
    adopted_on=datetime.date(2009, 8, 25),
    paragraph="§ 170",
)

VAXJO_STRATEGY = SeedDocument(
    source="003_03db92303aadf114.txt",
    kommun="Växjö kommun",
    title="Internationell strategi för Växjö kommun",
    document_type="Strategi",
    adopted_by=KF,
    adopted_on=datetime.date(2013, 10, 15),
    paragraph="§ 213",
    diary_number="KS/2012:935",
    document_owner="Planeringskontoret",
    review_interval="minst en gång per mandatperiod",
    replaces=VAXJO_STRATEGY_2009.title,
    purpose=(
        "Det internationella arbetet ska i första hand ses som ett verktyg för "
        "kommunens verksamhetsutveckling, utgå från nyttan för medborgarna samt "
        "bidra till att uppnå kommunens mål och inriktning: Växjö kommun ska vara "
        "Europas Grönaste Stad, där människor, organisationer och företag växer och "
        "tar ansvar."
    ),
    follow_up_text=(
        "Uppföljning av strategin skall göras av kommunstyrelsen minst en gång per "
        "mandatperiod och vid behov revideras.\n\n"
        "Varje förvaltning och bolag ansvarar för nödvändig kompetensutveckling och "
        "för att det internationella arbetet rapporteras i årsrapporter inom "
        "målområde Arbete och Företag.\n\n"
        "Rapporteringen ska innehålla:\n\n"
        "- Information om pågående och under året avslutade EU-projekt, andra "
        "internationella projekt samt inlämnade ansökningar;\n"
        "- Redovisning av övrigt internationellt arbete som genomförts under året;\n"
        "- Vilka resultat det internationella arbetet har gett."
    ),
    purposes=(
        "att bidra till att uppnå kommunens uppsatta mål och inriktningar;",
        "att bidra till ekologisk, ekonomisk och socialt hållbar utveckling, lokalt "
        "och globalt.",
    ),
    focus_areas=(
        SeedFocusArea(
            1,
            "Extern finansiering",
            "Kommunens verksamheter överväger alltid möjligheten för delfinansiering "
            "av sin verksamhetsutveckling, genom deltagande i internationellt "
            "finansierade projekt.",
        ),
        SeedFocusArea(
            2,
            "Omvärldssamverkan",
            "- Kommunen bevakar intressen, inspireras, utbyter och skapar kunskap "
            "genom ett aktivt internationellt engagemang;\n"
            "- Kommunen deltar i internationella konferenser, nätverk och projekt samt "
            "sprider våra goda exempel.",
        ),
        SeedFocusArea(
            3,
            "Kompetensutveckling",
            "Internationellt arbete ses som en tillgång för verksamhetsnyttig "
            "kompetensutveckling. Kommunen genomför kunskaphöjande insatser för att "
            "anställda skall kunna delta i det internationella arbetet.",
        ),
    ),
)

SKOVDE_POLICY = SeedDocument(
    source="004_8a228b7e090468ea.txt",
    kommun="Skövde kommun",
    title="Policy för internationellt arbete",
    document_type="Policy",
    adopted_by=KF,
    adopted_on=datetime.date(2016, 6, 20),
    paragraph="§ 96",
    diary_number="KS2016.0110",
    document_owner="SC SMS",
    applies_to_text="Samtliga sektorer, nämnder och kommunala bolag",
    review_interval="1 gång per mandatperiod",
    purpose=(
        "Syftet med policyn är att tydliggöra hur Skövde kommun valt att definiera "
        "internationellt arbete samt syftet och målsättningen med att integrera det "
        "internationella perspektivet i verksamhetsutvecklingen. Vilka aktiviteter "
        "som ska genomföras inom ramen för internationellt arbete, styrs av de olika "
        "verksamhetsplanerna."
    ),
    follow_up_text=(
        "I samband med rapportering av kommunstyrelsens verksamhetsberättelse "
        "(tertiärrapport 3) ska uppföljning av internationella projekt och nätverk "
        "rapporteras till beredning medborgare och folkhälsa. Internationellt arbete "
        "i sin helhet rapporteras i Skövde kommuns årsredovisning."
    ),
    purposes=(
        "utveckla kommunens olika verksamheter,",
        "främja kommunens eget arbete med integration och samhällsutveckling,",
        "främja och stödja samverkan med högskola, näringsliv, föreningar och andra "
        "aktörer som har internationella kontakter.",
        "Internationellt arbete bidrar även till att stärka Skövde kommuns varumärke "
        "och attraktivitet som arbetsgivare.",
    ),
    goals=(
        SeedGoal(
            "Målsättningen med Skövde kommuns internationella arbete är att det "
            "internationella perspektivet ska beaktas och vara en integrerad del i "
            "verksamheternas utvecklingsarbete. Genom ett internationellt engagemang "
            "ges kommunens verksamheter möjlighet att ta del av ny teknik och "
            "forskning, samt andra arbets- och synsätt än de vi normalt möter."
        ),
        SeedGoal(
            "En annan målsättning är att de som deltar i olika former av "
            "internationellt arbete får ökad förståelse för olika samhällskulturer "
            "vilket främjar kommunens integrationsarbete."
        ),
    ),
)

# In dependency order: a replaced or implemented document comes first.
SEED_DOCUMENTS = (
    ESSUNGA_PLAN,
    SKARA_STRATEGY,
    SKARA_ACTION_PLAN,
    ENKOPING_POLICY,
    VAXJO_STRATEGY_2009,
    VAXJO_STRATEGY,
    SKOVDE_POLICY,
)
