/// Rows of docs/reference-journeys.md: 2026-07-04 (a Saturday), 14 participants + 2 leaders, `--depart 2026-07-04`
/// (any time that day from 06:00). Windows: ±10 minutes around the hand-worked door-to-door time for the fastest
/// option, ±30 minutes for the lowest-carbon one (several frequency-only legs, each a rounding away).
enum ReferenceJourneyRows {
    static let rows: [ReferenceJourneyTests.Row] = [
        .init(from: "bruxelles", to: "aje", minors: true, option: .fastest, legs: "BE4>F2>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 563...583, hotelNights: 0),
        // Issue 14 item 5: TGV to Lyon + Renfe AVE to Barcelona (R9 › R11) replace R1 › R2 › R3; leave 10:00, −190 min.
        .init(from: "bruxelles", to: "aje", minors: true, option: .lowestCarbon, legs: "R9>R11>R4>R5>R6>S1>S4>M1>A-CMN-CASA-rev>F4>A-DSS-THIES", leaveAt: "10:00", doorToDoorMinutes: 4455...4515, hotelNights: 3),
        .init(from: "bruxelles", to: "lekaa", minors: true, option: .fastest, legs: "BE4>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 503...523, hotelNights: 0),
        .init(from: "bruxelles", to: "lekaa", minors: true, option: .lowestCarbon, legs: "BE4>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 483...543, hotelNights: 0),
        .init(from: "bruxelles", to: "twiza", minors: true, option: .fastest, legs: "BE4>F5-RBA>A-RBA-KHEMISSET", leaveAt: "06:00", doorToDoorMinutes: 447...467, hotelNights: 0),
        // Issue 14 item 5: R9 › R11 via Lyon replace R1 › R2 › R3; leave 10:00, −190 min.
        .init(from: "bruxelles", to: "twiza", minors: true, option: .lowestCarbon, legs: "R9>R11>R4>R5>R6>S2>S3>S5>M2>M3", leaveAt: "10:00", doorToDoorMinutes: 3145...3205, hotelNights: 2),
        .init(from: "bruxelles", to: "alafia-jeunes", minors: true, option: .fastest, legs: "R8>F11>T1", leaveAt: "06:00", doorToDoorMinutes: 653...673, hotelNights: 0),
        // Issue 14 item 5: R9 › R11 via Lyon replace R1 › R2 › R3; leave 10:00, −190 min.
        .init(from: "bruxelles", to: "alafia-jeunes", minors: true, option: .lowestCarbon, legs: "R9>R11>R4>R5>R6>S1>S4>M1>A-CMN-CASA-rev>F12>T1", leaveAt: "10:00", doorToDoorMinutes: 4503...4563, hotelNights: 3),
        .init(from: "bruxelles", to: "aje", minors: false, option: .fastest, legs: "BE4>F2>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 563...583, hotelNights: 0),
        .init(from: "bruxelles", to: "aje", minors: false, option: .lowestCarbon, legs: "R1>R2>R3>A-BCN-PORT>S7>S4>M1>A-CMN-CASA-rev>F4>A-DSS-THIES", leaveAt: "06:50", doorToDoorMinutes: 4645...4705, hotelNights: 2, nightsOnBoard: 1),
        .init(from: "bruxelles", to: "lekaa", minors: false, option: .fastest, legs: "BE4>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 503...523, hotelNights: 0),
        .init(from: "bruxelles", to: "lekaa", minors: false, option: .lowestCarbon, legs: "BE4>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 483...543, hotelNights: 0),
        .init(from: "bruxelles", to: "twiza", minors: false, option: .lowestCarbon, legs: "R1>R2>R3>A-BCN-PORT>S7>S4>M2>M3-minibus", leaveAt: "06:50", doorToDoorMinutes: 3204...3264, hotelNights: 1, nightsOnBoard: 1),
        .init(from: "bruxelles", to: "twiza", minors: false, option: .fastest, legs: "BE4>F5-RBA>A-RBA-KHEMISSET", leaveAt: "06:00", doorToDoorMinutes: 447...467, hotelNights: 0),
        .init(from: "bruxelles", to: "alafia-jeunes", minors: false, option: .fastest, legs: "R8>F11>T1", leaveAt: "06:00", doorToDoorMinutes: 653...673, hotelNights: 0),
        .init(from: "bruxelles", to: "alafia-jeunes", minors: false, option: .lowestCarbon, legs: "R1>R2>R3>A-BCN-PORT>S7>S4>M1>A-CMN-CASA-rev>F12>T1", leaveAt: "06:50", doorToDoorMinutes: 4693...4753, hotelNights: 2, nightsOnBoard: 1),
        .init(from: "liege", to: "aje", minors: true, option: .fastest, legs: "SNCB:BE-LIEGE-G>BE-BXL-AIRPORT>BE6>F2>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 647...667, hotelNights: 0),
        // Issue 14 item 5: TGV to Marseille + Renfe AVE to Madrid (R10 › R12) make an overland route possible; replaces the CDG flight (−200 kg).
        .init(from: "liege", to: "aje", minors: true, option: .lowestCarbon, legs: "BE1>R10>R12>R5>R6>S2>S3>S5>M1>A-CMN-CASA-rev>F4>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 5063...5123, hotelNights: 3),
        .init(from: "liege", to: "lekaa", minors: true, option: .fastest, legs: "SNCB:BE-LIEGE-G>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 587...607, hotelNights: 0),
        .init(from: "liege", to: "lekaa", minors: true, option: .lowestCarbon, legs: "SNCB:BE-LIEGE-G>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 567...627, hotelNights: 0),
        .init(from: "liege", to: "twiza", minors: true, option: .fastest, legs: "SNCB:BE-LIEGE-G>BE-BXL-AIRPORT>BE6>F5-RBA>A-RBA-KHEMISSET", leaveAt: "06:00", doorToDoorMinutes: 531...551, hotelNights: 0),
        // Issue 14 item 5: R10 › R12 via Marseille and Madrid replace the Paris–Barcelona route; −197 min.
        .init(from: "liege", to: "twiza", minors: true, option: .lowestCarbon, legs: "BE1>R10>R12>R5>R6>S2>S3>S5>M2>M3", leaveAt: "06:00", doorToDoorMinutes: 4628...4688, hotelNights: 3),
        .init(from: "liege", to: "alafia-jeunes", minors: true, option: .fastest, legs: "SNCB:BE-LIEGE-G>BE-BXL-AIRPORT>BE6>F5-CMN>F12>T1", leaveAt: "06:00", doorToDoorMinutes: 1883...1903, hotelNights: 1),
        // Issue 14 item 5: R10 › R12 via Marseille and Madrid; same time and nights.
        .init(from: "liege", to: "alafia-jeunes", minors: true, option: .lowestCarbon, legs: "BE1>R10>R12>R5>R6>S2>S3>S5>M1>A-CMN-CASA-rev>F12>T1", leaveAt: "06:00", doorToDoorMinutes: 6183...6243, hotelNights: 4),
        .init(from: "namur", to: "aje", minors: false, option: .fastest, legs: "SNCB:BE-NAMUR>BE-BXL-AIRPORT>BE6>F2>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 619...639, hotelNights: 0),
        // Issue 14 item 5: R9 › R11 via Lyon then the Barcelona ferry S7; +124 min, 1 hotel night and 2 nights aboard.
        .init(from: "namur", to: "aje", minors: false, option: .lowestCarbon, legs: "BE2>R9>R11>A-BCN-PORT>S7>S4>M1>A-CMN-CASA-rev>F4>A-DSS-THIES", leaveAt: "08:30", doorToDoorMinutes: 4545...4605, hotelNights: 1, nightsOnBoard: 2),
        .init(from: "namur", to: "lekaa", minors: false, option: .fastest, legs: "SNCB:BE-NAMUR>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 559...579, hotelNights: 0),
        .init(from: "namur", to: "lekaa", minors: false, option: .lowestCarbon, legs: "SNCB:BE-NAMUR>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 539...599, hotelNights: 0),
        // Issue 14 item 5: R9 › R11 via Lyon replace R1 › R2 › R3; the ferry lands 03:22, no hotel; −286 min.
        .init(from: "namur", to: "twiza", minors: false, option: .lowestCarbon, legs: "BE2>R9>R11>A-BCN-PORT>S7>S4>M2>M3-minibus", leaveAt: "08:30", doorToDoorMinutes: 3104...3164, hotelNights: 0, nightsOnBoard: 2),
        .init(from: "namur", to: "twiza", minors: false, option: .fastest, legs: "SNCB:BE-NAMUR>BE-BXL-AIRPORT>BE6>F5-RBA>A-RBA-KHEMISSET", leaveAt: "06:00", doorToDoorMinutes: 503...523, hotelNights: 0),
        .init(from: "namur", to: "alafia-jeunes", minors: false, option: .fastest, legs: "BE2>R8>F11>T1", leaveAt: "06:00", doorToDoorMinutes: 743...763, hotelNights: 0),
        // Issue 14 item 5: R9 › R11 via Lyon replace R1 › R2 › R3; +424 min, 1 hotel night instead of 2.
        .init(from: "namur", to: "alafia-jeunes", minors: false, option: .lowestCarbon, legs: "BE2>R9>R11>A-BCN-PORT>S7>S4>M1>A-CMN-CASA-rev>F12>T1", leaveAt: "08:30", doorToDoorMinutes: 4593...4653, hotelNights: 1, nightsOnBoard: 2),
        .init(from: "anvers", to: "aje", minors: true, option: .fastest, legs: "SNCB:BE-ANTW-C>BE-BXL-AIRPORT>BE6>F2>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 600...620, hotelNights: 0),
        .init(from: "anvers", to: "aje", minors: true, option: .lowestCarbon, legs: "BE3>R8>F3>A-DSS-THIES", leaveAt: "06:00", doorToDoorMinutes: 2138...2198, hotelNights: 1),
        .init(from: "anvers", to: "lekaa", minors: true, option: .fastest, legs: "SNCB:BE-ANTW-C>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 540...560, hotelNights: 0),
        .init(from: "anvers", to: "lekaa", minors: true, option: .lowestCarbon, legs: "SNCB:BE-ANTW-C>BE-BXL-AIRPORT>BE6>F7>A-CAI-MANSHIET", leaveAt: "06:00", doorToDoorMinutes: 520...580, hotelNights: 0),
        .init(from: "anvers", to: "twiza", minors: true, option: .fastest, legs: "SNCB:BE-ANTW-C>BE-BXL-AIRPORT>BE6>F5-RBA>A-RBA-KHEMISSET", leaveAt: "06:00", doorToDoorMinutes: 484...504, hotelNights: 0),
        // Issue 14 item 5: R10 › R12 via Marseille and Madrid; −132 min.
        .init(from: "anvers", to: "twiza", minors: true, option: .lowestCarbon, legs: "BE3>R10>R12>R5>R6>S2>S3>S5>M2>M3", leaveAt: "06:00", doorToDoorMinutes: 4628...4688, hotelNights: 3),
        .init(from: "anvers", to: "alafia-jeunes", minors: true, option: .fastest, legs: "SNCB:BE-ANTW-C>BE-BXL-AIRPORT>BE6>F10-BRU-ACC>F10-ACC-LFW>T1", leaveAt: "07:53", doorToDoorMinutes: 1627...1647, hotelNights: 1),
        // Issue 14 item 5: R9 › R11 via Lyon (night in Lyon); same time and nights.
        .init(from: "anvers", to: "alafia-jeunes", minors: true, option: .lowestCarbon, legs: "BE3>R9>R11>R4>R5>R6>S1>S4>M1>A-CMN-CASA-rev>F12>T1", leaveAt: "06:00", doorToDoorMinutes: 6183...6243, hotelNights: 4),
        .init(from: "aje", to: "bruxelles", minors: false, option: .fastest, legs: "A-DSS-THIES-rev>F2-rev>BE4-rev", leaveAt: "06:00", doorToDoorMinutes: 568...588, hotelNights: 0),
        // Issue 14 item 5: R11-rev › R9-rev via Lyon (night in Lyon) replace R3-rev › R2-rev › R1-rev; +78 min.
        .init(from: "aje", to: "bruxelles", minors: false, option: .lowestCarbon, legs: "A-DSS-THIES-rev>F4-rev>A-CMN-CASA>M1-rev>S4-rev>S7-rev>A-BCN-PORT-rev>R11-rev>R9-rev", leaveAt: "06:00", doorToDoorMinutes: 4470...4530, hotelNights: 1, nightsOnBoard: 2),
        .init(from: "lekaa", to: "bruxelles", minors: false, option: .fastest, legs: "A-CAI-MANSHIET-rev>F7-rev>BE4-rev", leaveAt: "06:00", doorToDoorMinutes: 508...528, hotelNights: 0),
        .init(from: "lekaa", to: "bruxelles", minors: false, option: .lowestCarbon, legs: "A-CAI-MANSHIET-rev>F7-rev>BE4-rev", leaveAt: "06:00", doorToDoorMinutes: 488...548, hotelNights: 0),
        .init(from: "twiza", to: "bruxelles", minors: false, option: .lowestCarbon, legs: "M3-minibus-rev>M2-rev>S4-rev>S7-rev>A-BCN-PORT-rev>R3-rev>R2-rev>R1-rev", leaveAt: "06:00", doorToDoorMinutes: 2987...3047, hotelNights: 0, nightsOnBoard: 2),
        .init(from: "twiza", to: "bruxelles", minors: false, option: .fastest, legs: "A-RBA-KHEMISSET-rev>F5-RBA-rev>BE4-rev", leaveAt: "06:00", doorToDoorMinutes: 452...472, hotelNights: 0),
        .init(from: "alafia-jeunes", to: "bruxelles", minors: false, option: .fastest, legs: "T1-rev>F11-rev>R8-rev", leaveAt: "06:00", doorToDoorMinutes: 658...678, hotelNights: 0),
        .init(from: "alafia-jeunes", to: "bruxelles", minors: false, option: .lowestCarbon, legs: "T1-rev>F12-rev>A-CMN-CASA>M1-rev>S5-rev>S3-rev>S2-rev>R6-rev>R5-rev>R4-rev>R3-rev>R2-rev>R1-rev", leaveAt: "06:00", doorToDoorMinutes: 3565...3625, hotelNights: 2),
        .init(from: "aje", to: "liege", minors: true, option: .fastest, legs: "A-DSS-THIES-rev>F2-rev>BE6-rev>SNCB:BE-BXL-AIRPORT>BE-LIEGE-G", leaveAt: "06:00", doorToDoorMinutes: 652...672, hotelNights: 0),
        .init(from: "aje", to: "liege", minors: true, option: .lowestCarbon, legs: "A-DSS-THIES-rev>F4-rev>A-CMN-CASA>A-CASA-RABAT>M2-rev>S4-rev>S1-rev>R6-rev>R5-rev>R4-rev>R3-rev>R2-rev>R1-rev>BE1-rev", leaveAt: "06:00", doorToDoorMinutes: 4895...4955, hotelNights: 3),
        .init(from: "lekaa", to: "liege", minors: true, option: .fastest, legs: "A-CAI-MANSHIET-rev>F7-rev>BE6-rev>SNCB:BE-BXL-AIRPORT>BE-LIEGE-G", leaveAt: "06:00", doorToDoorMinutes: 592...612, hotelNights: 0),
        .init(from: "lekaa", to: "liege", minors: true, option: .lowestCarbon, legs: "A-CAI-MANSHIET-rev>F7-rev>BE6-rev>SNCB:BE-BXL-AIRPORT>BE-LIEGE-G", leaveAt: "06:00", doorToDoorMinutes: 572...632, hotelNights: 0),
        .init(from: "twiza", to: "liege", minors: true, option: .fastest, legs: "A-RBA-KHEMISSET-rev>F5-RBA-rev>BE6-rev>SNCB:BE-BXL-AIRPORT>BE-LIEGE-G", leaveAt: "06:00", doorToDoorMinutes: 536...556, hotelNights: 0),
        // Issue 14 item 5: R11-rev › R9-rev via Lyon: one more hotel night, +18 h 25, for 0.48 kg less (inside the distance estimates).
        .init(from: "twiza", to: "liege", minors: true, option: .lowestCarbon, legs: "M3-minibus-rev>M2-rev>S5-rev>S3-rev>S2-rev>R6-rev>R5-rev>R4-rev>R11-rev>R9-rev>BE1-rev", leaveAt: "06:00", doorToDoorMinutes: 4620...4680, hotelNights: 3),
        .init(from: "alafia-jeunes", to: "liege", minors: true, option: .fastest, legs: "T1-rev>F11-rev>R8-rev>BE1-rev", leaveAt: "06:00", doorToDoorMinutes: 1550...1570, hotelNights: 1),
        .init(from: "alafia-jeunes", to: "liege", minors: true, option: .lowestCarbon, legs: "T1-rev>F12-rev>A-CMN-CASA>A-CASA-RABAT>M2-rev>S4-rev>S1-rev>R6-rev>R5-rev>R4-rev>R3-rev>R2-rev>R1-rev>BE1-rev", leaveAt: "06:00", doorToDoorMinutes: 4895...4955, hotelNights: 3),
    ]
}
