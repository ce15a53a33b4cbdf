"""The shared list of funding programmes (DESIGN §2.4).

The EU programmes of 2021-2027 that Swedish municipalities use, copied from
shared/data/eu_programmes.tsv (sources in eu_programmes_sources.md) so that the
product never reads that folder, plus two rows for money that is not an EU
programme's. Interreg Nord is kept for older projects but not offered for new ones:
the list says it was replaced by Interreg Aurora in 2021-2027.
"""

from django.db import migrations

PROGRAMMES = [
    {
        "code": "ERASMUS+",
        "name_sv": "Erasmus+ – EU:s program för utbildning, ungdom och idrott",
        "name_en": "Erasmus+",
        "managing_authority": "Universitets- och högskolerådet (UHR), nationellt programkontor för utbildningsdelen (skola, yrkesutbildning, vuxnas lärande, högre utbildning); Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF) för ungdoms- och idrottsdelen",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "ESC",
        "name_sv": "Europeiska solidaritetskåren",
        "name_en": "European Solidarity Corps",
        "managing_authority": "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "ESF+",
        "name_sv": "Europeiska socialfonden+ (Socialfonden, ESF+)",
        "name_en": "European Social Fund Plus",
        "managing_authority": "Svenska ESF-rådet (förvaltande myndighet)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "Programområde A: krav på medfinansiering 46 % (40 % i Norra Mellansverige, övergångsregion)",
        "is_active": True,
    },
    {
        "code": "ERUF",
        "name_sv": "Europeiska regionala utvecklingsfonden (Regionalfonden)",
        "name_en": "European Regional Development Fund (ERDF)",
        "managing_authority": "Tillväxtverket (förvaltande myndighet för de regionala och det nationella regionalfondsprogrammet)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "EU-stöd 40 % (projekten behöver 60 % medfinansiering från andra offentliga, ev. privata, aktörer)",
        "is_active": True,
    },
    {
        "code": "FRO",
        "name_sv": "Fonden för en rättvis omställning",
        "name_en": "Just Transition Fund (JTF)",
        "managing_authority": "Tillväxtverket",
        "period": "2021-2027 (fonden pågår till 2030)",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "INTERREG-OKS",
        "name_sv": "Interreg Öresund-Kattegat-Skagerrak",
        "name_en": "Interreg Öresund-Kattegat-Skagerrak",
        "managing_authority": "Tillväxtverket (förvaltande myndighet)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "upp till 60 % av totala projektbudgeten (norska partner upp till 50 % via norska Interreg-medel)",
        "is_active": True,
    },
    {
        "code": "INTERREG-SE-NO",
        "name_sv": "Interreg Sverige-Norge",
        "name_en": "Interreg Sweden-Norway",
        "managing_authority": "Länsstyrelsen i Jämtlands län (förvaltande myndighet)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "INTERREG-AURORA",
        "name_sv": "Interreg Aurora (inkl. delområde Sápmi)",
        "name_en": "Interreg Aurora",
        "managing_authority": "Länsstyrelsen i Norrbottens län (förvaltande myndighet; norska IR-medel förvaltas av Troms fylkeskommune)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "INTERREG-NORD",
        "name_sv": "Interreg Nord",
        "name_en": "Interreg Nord",
        "managing_authority": "Ersatt av Interreg Aurora 2021-2027 (sammanslaget med Botnia-Atlantica)",
        "period": "2014-2020",
        "typical_cofinancing_rate": "",
        "is_active": False,
    },
    {
        "code": "INTERREG-CB",
        "name_sv": "Interreg Central Baltic",
        "name_en": "Interreg Central Baltic",
        "managing_authority": "Regionförbundet i Egentliga Finland (Varsinais-Suomen liitto / Regional Council of Southwest Finland), Åbo; svenska kontaktpunkter Region Stockholm och Region Östergötland",
        "period": "2021-2027",
        "typical_cofinancing_rate": "upp till 80 % (ERUF)",
        "is_active": True,
    },
    {
        "code": "INTERREG-SB",
        "name_sv": "Interreg Södra Östersjöprogrammet",
        "name_en": "Interreg South Baltic",
        "managing_authority": "Programsekretariat i Gdansk (förvaltande myndighet ej angiven i källan); svensk nationell kontaktpunkt Region Kalmar län",
        "period": "2021-2027",
        "typical_cofinancing_rate": "upp till 80 %",
        "is_active": True,
    },
    {
        "code": "INTERREG-BSR",
        "name_sv": "Interreg Östersjöprogrammet",
        "name_en": "Interreg Baltic Sea Region",
        "managing_authority": "Investitionsbank Schleswig-Holstein (IB.SH), Managing Authority/Joint Secretariat i Rostock, Tyskland",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "INTERREG-NSR",
        "name_sv": "Interreg Nordsjöprogrammet",
        "name_en": "Interreg North Sea",
        "managing_authority": "Erhvervsstyrelsen (Danish Business Authority), Danmark; programsekretariat i Viborg; svensk kontaktpunkt Västra Götalandsregionen",
        "period": "2021-2027",
        "typical_cofinancing_rate": "60 % EU-stöd och 40 % egen finansiering (norska partner 50 % nationellt norskt stöd)",
        "is_active": True,
    },
    {
        "code": "INTERREG-EUROPE",
        "name_sv": "Interreg Europe",
        "name_en": "Interreg Europe",
        "managing_authority": "Région Hauts-de-France, Frankrike (förvaltande myndighet)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "LIFE",
        "name_sv": "LIFE – EU:s program för miljö- och klimatpolitik",
        "name_en": "LIFE Programme for the Environment and Climate Action",
        "managing_authority": "Direktförvaltat av EU-kommissionen; Naturvårdsverket är nationell LIFE-samordnare/kontaktpunkt (Havs- och vattenmyndigheten för vatten- och havsprojekt)",
        "period": "2021-2027",
        "typical_cofinancing_rate": "upp till 60 % EU-bidrag beroende på projekttyp (mer i vissa fall)",
        "is_active": True,
    },
    {
        "code": "HORIZON-EU",
        "name_sv": "Horisont Europa",
        "name_en": "Horizon Europe",
        "managing_authority": "Direktförvaltat av EU-kommissionen; Vinnova är nationell kontaktmyndighet",
        "period": "2021-2027",
        "typical_cofinancing_rate": "70–100 % av de direkta projektkostnaderna",
        "is_active": True,
    },
    {
        "code": "CREA",
        "name_sv": "Kreativa Europa",
        "name_en": "Creative Europe",
        "managing_authority": "Direktförvaltat av EU-kommissionen/EACEA; Kulturrådet och Svenska Filminstitutet är Sveriges kontaktkontor",
        "period": "2021-2027",
        "typical_cofinancing_rate": "europeiska samarbetsprojekt: små högst 80 %, medelstora högst 70 %, stora högst 60 % EU-stöd",
        "is_active": True,
    },
    {
        "code": "CERV",
        "name_sv": "Medborgare, jämlikhet, rättigheter och värden (CERV)",
        "name_en": "Citizens, Equality, Rights and Values (CERV)",
        "managing_authority": "Direktförvaltat av EU-kommissionen; MUCF är nationell kontaktpunkt",
        "period": "2021-2027",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "AMIF",
        "name_sv": "Asyl-, migrations- och integrationsfonden",
        "name_en": "Asylum, Migration and Integration Fund",
        "managing_authority": "Migrationsverket (Funktionen för fonderna), förvaltande myndighet",
        "period": "2021-2027",
        "typical_cofinancing_rate": "75 % stöd från AMIF (75–90 % i 2022 års öppna utlysning)",
        "is_active": True,
    },
    {
        "code": "LEADER",
        "name_sv": "Lokalt ledd utveckling genom Leader (strategiska planen för jordbrukspolitiken; tidigare Landsbygdsprogrammet)",
        "name_en": "LEADER / community-led local development (EAFRD)",
        "managing_authority": "Statens jordbruksverk (förvaltande myndighet)",
        "period": "2023-2027 (CAP-perioden; Landsbygdsprogrammet 2014-2020 före det)",
        "typical_cofinancing_rate": "finansieras till hälften av EU och till hälften av Sverige (stat, kommuner, ibland regioner)",
        "is_active": True,
    },
    {
        "code": "DIGITAL",
        "name_sv": "Programmet för ett digitalt Europa (DIGITAL)",
        "name_en": "Digital Europe Programme",
        "managing_authority": "Direktförvaltat av EU-kommissionen; Myndigheten för digital förvaltning (DIGG) är nationellt kontaktorgan och samordnar med E-hälsomyndigheten, MSB, PTS, Tillväxtverket, Vetenskapsrådet och Vinnova",
        "period": "2021-2027",
        "typical_cofinancing_rate": "ofta 50 % (deltagande kräver ofta 50 % nationell medfinansiering)",
        "is_active": True,
    },
    {
        "code": "OTHER-INT",
        "name_sv": "Annan internationell finansiering",
        "name_en": "Other international funding",
        "managing_authority": "",
        "period": "",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
    {
        "code": "NATIONAL",
        "name_sv": "Nationell finansiering",
        "name_en": "National funding",
        "managing_authority": "",
        "period": "",
        "typical_cofinancing_rate": "",
        "is_active": True,
    },
]


def add_programmes(apps, schema_editor):
    programme = apps.get_model("projects", "FundingProgramme")
    for row in PROGRAMMES:
        programme.objects.update_or_create(kommun=None, code=row["code"], defaults=row)


def remove_programmes(apps, schema_editor):
    programme = apps.get_model("projects", "FundingProgramme")
    codes = [row["code"] for row in PROGRAMMES]
    programme.objects.filter(
        kommun=None, code__in=codes, projects__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_programmes, remove_programmes),
    ]
