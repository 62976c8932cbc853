#!/usr/bin/env bash
# A realistic network year for the annual report (issue 15): three Confluence organisations, their 2025 and
# 2026 exchanges with the four partners, entered the way coordinators enter trips after the fact
# (`plans add … --status travelled|booked`, real dates). Used to render docs/images/report-2026-*.
#   Tests/Fixtures/realistic-year.sh DATABASE [TRAJET_BINARY]
# Travelled trips must lie before today: run it after 2026-11-15 (the last travelled departure).
set -euo pipefail
DB="$1"
BIN="${2:-.build/debug/trajet}"
rm -f "$DB"
t() { "$BIN" "$@" --database "$DB" --lang fr >/dev/null; }

t orgs add asmae --name "Asmae"
t orgs add sci --name "SCI Projets internationaux"
t orgs add quinoa --name "Quinoa"

add() { t plans add --rank "$RANK" "$@"; }

# 2025: the year before (the trend and the change).
RANK=time add --org asmae --name "Alafia 2025" --partner alafia-jeunes --from bruxelles --depart 2025-08-01 --return 2025-08-20 --participants 15 --leaders 3 --status travelled
RANK=time add --org sci --name "Chantier Twiza 2025" --partner twiza --from bruxelles --depart 2025-07-05 --return 2025-07-26 --participants 12 --leaders 2 --status travelled
RANK=time add --org quinoa --name "AJE Thiès 2025" --partner aje --from bruxelles --depart 2025-03-01 --return 2025-03-15 --participants 8 --leaders 2 --status travelled

# 2026.
RANK=time add --org asmae --name "AJE Thiès 2026" --partner aje --from bruxelles --depart 2026-03-14 --return 2026-03-28 --participants 12 --leaders 2 --status travelled
RANK=co2 add --org asmae --name "Échange Twiza 2026" --partner twiza --from liege --depart 2026-07-04 --return 2026-07-25 --participants 14 --leaders 2 --minors --status travelled
RANK=time add --org asmae --name "Twiza à Liège" --partner twiza --from liege --incoming --depart 2026-10-10 --return 2026-10-24 --participants 10 --leaders 2 --status travelled
RANK=time add --org asmae --name "Lekaa 2026" --partner lekaa --from bruxelles --depart 2026-11-01 --return 2026-11-12 --participants 10 --leaders 2 --status travelled
RANK=time add --org sci --name "Chantier Twiza printemps" --partner twiza --from bruxelles --depart 2026-04-11 --return 2026-04-25 --participants 10 --leaders 2 --status travelled
RANK=time add --org sci --name "Chantier Twiza été" --partner twiza --from namur --depart 2026-08-01 --return 2026-08-22 --participants 12 --leaders 2 --minors --status travelled
RANK=time add --org sci --name "Alafia 2026" --partner alafia-jeunes --from bruxelles --depart 2026-07-15 --return 2026-08-05 --participants 15 --leaders 3 --status travelled
RANK=time add --org quinoa --name "AJE Toubacouta 2026" --partner aje --to SN-TOUBACOUTA --from bruxelles --depart 2026-02-07 --return 2026-02-21 --participants 8 --leaders 2 --status travelled
RANK=time add --org quinoa --name "Lekaa à Bruxelles" --partner lekaa --from bruxelles --incoming --depart 2026-05-02 --return 2026-05-16 --participants 8 --leaders 2 --status travelled
RANK=co2 add --org quinoa --name "Twiza en train, hiver" --partner twiza --from liege --depart 2026-12-19 --return 2027-01-03 --participants 10 --leaders 2 --status booked
# Listed apart (planned) and left out (draft).
RANK=time add --org asmae --name "Alafia 2026 (prévu)" --partner alafia-jeunes --from bruxelles --depart 2026-12-27 --return 2027-01-10 --participants 12 --leaders 2 --status planned
RANK=time add --org sci --name "Visite préparatoire" --partner lekaa --from bruxelles --depart 2026-12-28 --participants 1 --leaders 1
