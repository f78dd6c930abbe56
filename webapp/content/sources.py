"""The public sources the guide's claims rest on.

Each was read, and found to say what we cite it for, on its `checked` date. A method,
warning, situation or FAQ answer names the ids it rests on; every page lists its own
sources at the end. docs/sources.md says, claim by claim, what each source supports and
what stays unconfirmed. To add one, see docs/content.md.
"""

from datetime import date

from .model import Source

CHECKED = date(2026, 11, 26)
# The third edition's check (docs/sources.md lists each claim these support).
RECHECKED = date(2026, 12, 2)

SOURCES: tuple[Source, ...] = (
    Source(
        "forgot-password-flow",
        "How to overcome forgot Mi account (XiaomiDevices)",
        "https://xiaomidevices.com/how-to-overcome-forgot-mi-account-so-it-can-be-accessed-again/",
        CHECKED,
    ),
    Source(
        "mi-account-id",
        "Lupa Mi Account? Ini 5 Cara yang Bisa Kamu Lakukan (Teknologi.id)",
        "https://teknologi.id/amp/tips-and-trick/lupa-mi-account-ini-5-cara-yang-bisa-kamu-lakukan-untuk-mengatasi-masalah-tersebut",
        CHECKED,
    ),
    Source(
        "sim-replacement",
        "Cara Ganti Kartu Hilang atau Rusak Telkomsel (blog, 2020)",
        "https://dolanbenpinter.blogspot.com/2020/11/cara-ganti-kartu-hilang-atau-rusak.html",
        CHECKED,
    ),
    Source(
        "find-device-forum",
        "Find Device and i.mi.com (Xiaomi Community forum)",
        "https://in.c.mi.com/forum.php?mod=viewthread&tid=1001064&extra=",
        CHECKED,
    ),
    Source(
        "find-device-after-wipe",
        "How to Disable Find Device on Xiaomi Without Mi account (EverythingXiaomi)",
        "https://everythingxiaomi.com/?p=5561",
        CHECKED,
    ),
    Source(
        "android-frp",
        "FactoryResetProtectionPolicy (Android Developers)",
        "https://developer.android.com/reference/android/app/admin/FactoryResetProtectionPolicy",
        CHECKED,
    ),
    Source(
        "frp-password-wait",
        "What is Google's Factory Reset Protection Feature? (Republic Wireless Help)",
        "https://help.republicwireless.com/hc/en-us/articles/115013719208-What-is-Google-s-Factory-Reset-Protection-Feature-",
        CHECKED,
    ),
    Source(
        "frp-72-hours",
        "Don't change your Google password before factory resetting your Android phone "
        "(Android Police, 2015)",
        "https://www.androidpolice.com/2015/07/13/dont-change-your-google-password-before-factory-resetting-your-android-phone-you-might-trip-a-72-hour-security-lockout/",
        CHECKED,
    ),
    Source(
        "google-recovery",
        "How to recover your Google account or Gmail (Google Guidebooks)",
        "https://guidebooks.google.com/android/getstarted/signintoyourgoogleaccount",
        CHECKED,
    ),
    Source(
        "unlock-documents",
        "Cara Menghapus Akun Mi (tafsiran.com)",
        "https://tafsiran.com/cara-menghapus-akun-mi/",
        CHECKED,
    ),
    Source(
        "contacts-2018",
        "2 Cara Reset Akun Mi Cloud Xiaomi Yang Terkunci (MIUIPEDIA, 2018)",
        "https://miuipedia.com/2018/02/2-cara-reset-akun-mi-cloud-yang-terkunci.html",
        CHECKED,
    ),
    Source(
        "official-site",
        "Modus Baru Penipuan di Balik Kemunculan GrabToko & Situs Palsu Xiaomi (Katadata, 2021)",
        "https://katadata.co.id/desysetyowati/digital/6008fa93cef07/modus-baru-penipuan-di-balik-kemunculan-grabtoko-situs-palsu-xiaomi",
        CHECKED,
    ),
    Source(
        "service-fee-2018",
        "Xiaomi Terima Servis Smartphone Non-Garansi Demi Brand (Bisnis.com, 2018)",
        "https://teknologi.bisnis.com/read/20180920/280/840274/javascript",
        CHECKED,
    ),
    Source(
        "service-stopped-2019",
        "Xiaomi Indonesia Tak Lagi Layani Servis Ponsel BM (KompasTekno, 2019)",
        "https://tekno.kompas.com/copy/2019/01/11/09310047/xiaomi-indonesia-tak-lagi-layani-servis-ponsel-bm",
        CHECKED,
    ),
    Source(
        "fake-cs",
        "Awas, Ada Penipuan Berkedok Akun Layanan Konsumen di Medsos (KompasTekno, 2021)",
        "https://tekno.kompas.com/read/2021/01/07/11520047/awas-ada-penipuan-berkedok-akun-aduan-layanan-konsumen-di-medsos",
        CHECKED,
    ),
    Source(
        "fake-cs-warning",
        "CS Palsu Marak di Medsos, Jangan Sampai Jadi Korban! (Diskominfo Wonosobo)",
        "https://diskominfo.wonosobokab.go.id/detail/cs-palsu-marak-di-medsos-jangan-sampai-jadi-korban",
        CHECKED,
    ),
    Source(
        "dual-sim-imei",
        "Hasil terkejut setelah cek IMEI ponsel (blog, 2019)",
        "https://infogametekno.blogspot.com/2019/09/hasil-terkejut-setelah-cek-imei-ponsel.html",
        CHECKED,
    ),
    Source(
        "rolex-device",
        "device_xiaomi_rolex: Xiaomi Redmi 4A (LineageOS device tree)",
        "https://www.github.com/TeamDarkness-Devices/device_xiaomi_rolex",
        CHECKED,
    ),
    Source(
        "last-update",
        "Xiaomi stop aggiornamenti 7 Redmi (telefonino.net)",
        "https://telefonino.net/notizie/xiaomi-stop-aggiornamenti-7-redmi",
        CHECKED,
    ),
    Source(
        "recovery-menu",
        "How to Hard Reset Xiaomi HP on All Models (XiaomiDevices)",
        "https://xiaomidevices.com/how-to-hard-reset-xiaomi-smartphone-all-models/",
        CHECKED,
    ),
    Source(
        "recovery-keys",
        "My Xiaomi phone is not turning on, what should I do? (MindStick)",
        "http://answers.mindstick.com/qa/94840/my-xiaomi-phone-is-not-turning-on-what-should-i-do",
        CHECKED,
    ),
    Source(
        "bootloader",
        "Unlock the bootloader (XiaomiWiki)",
        "https://www.github.com/XiaomiWiki/XiaomiWiki.github.io/blob/master/wiki/Unlock_the_bootloader.md",
        CHECKED,
    ),
    Source(
        "imei-kemenperin",
        "Bagaimana Cara Cek IMEI Kemenperin.go.id Terdaftar atau Tidak? (tirto.id)",
        "https://tirto.id/bagaimana-cara-cek-imei-kemenperingoid-terdaftar-atau-tidak-ezzm",
        CHECKED,
    ),
    Source(
        "kuhp-in-force",
        "KUHP dan KUHAP Nasional Resmi Berlaku (metrosulsel.com)",
        "https://metrosulsel.com/blog/kuhp-dan-kuhap-nasional-resmi-berlaku-indonesia-tinggalkan-hukum-pidana-kolonial",
        CHECKED,
    ),
    Source(
        "kuhp-illegal-access",
        "Aturan Akses Ilegal dan Penyadapan dalam KUHP Baru (Kompas, 2023)",
        "https://nasional.kompas.com/copy/2023/03/05/10105771/aturan-akses-ilegal-dan-penyadapan-dalam-kuhp-baru",
        CHECKED,
    ),
    Source(
        "kuhp-amended",
        "UU No. 1 Tahun 2026 tentang Penyesuaian Pidana (pasal.id)",
        "https://pasal.id/peraturan/uu/uu-no-1-tahun-2026",
        RECHECKED,
    ),
    Source(
        "dontkillmyapp",
        "Xiaomi | Don't kill my app!",
        "https://dontkillmyapp.com/xiaomi",
        CHECKED,
    ),
    Source(
        "penadahan",
        "Hukuman untuk Pelaku Penadah Barang Curian (equal.co.id)",
        "https://equal.co.id/hukuman-untuk-pelaku-penadah-barang-curian/",
        RECHECKED,
    ),
    Source(
        "second-hand-xiaomi",
        "Begini Cara Beli HP Bekas Tanpa Takut Kena Blokir (VIVA, 2020)",
        "https://viva.co.id/amp/digital/piranti/1301359-begini-cara-beli-hp-bekas-tanpa-takut-kena-blokir?page=2",
        RECHECKED,
    ),
    Source(
        "mi-sign-out",
        "Tips Mudah Cara Menghapus Akun MiCloud di Smartphone Xiaomi Kamu (liputan.co)",
        "https://liputan.co/tips-cara-menghapus-akun-micloud-di-smartphone-xiaomi-kamu/",
        RECHECKED,
    ),
    Source(
        "recycled-numbers",
        "Ternyata Nomor HP Lama Bisa Dipakai Orang Lain (Katadata, 2024)",
        "https://katadata.co.id/digital/teknologi/66a8775aab290/ternyata-nomor-hp-lama-bisa-dipakai-orang-lain",
        RECHECKED,
    ),
    Source(
        "indosat-reactivation",
        "Cara Mengaktifkan Kartu Indosat yang Sudah Mati atau Hangus (Liputan6)",
        "https://liputan6.com/feeds/read/5763136/cara-mengaktifkan-kartu-indosat-yang-sudah-mati-atau-hangus",
        RECHECKED,
    ),
    Source(
        "ioh-merger",
        "Kominfo Setujui Merger Indosat-Tri, Ini Nama Barunya (Parboaboa, 2021)",
        "https://parboaboa.co/kominfo-setujui-merger-indosat-tri-ini-nama-barunya",
        RECHECKED,
    ),
    Source(
        "xlsmart-merger",
        "XLSmart Komitmen Jaga Pelanggan dan Karyawan Usai Merger (Telset, 2025)",
        "https://telset.id/news/telko/xlsmart-komitmen-jaga-pelanggan-karyawan-usai-merger",
        RECHECKED,
    ),
    Source(
        "sim-outlets",
        "Jika Hilang, Pengguna Harus Segera Blokir Kartu SIM (Jurnal Asia)",
        "http://www.jurnalasia.com/sains-teknologi/jika-hilang-pengguna-harus-segera-blokir-kartu-sim/",
        RECHECKED,
    ),
    Source(
        "frp-any-account",
        "Why do I need re-enter my Google account after a factory reset? (Samsung Support)",
        "https://www.samsung.com/ie/support/mobile-devices/why-do-i-need-re-enter-my-google-account-after-a-factory-reset/",
        RECHECKED,
    ),
    Source(
        "frp-service-centre",
        "Google device protection on your Galaxy phone (Samsung Support, 2020)",
        "https://www.samsung.com/ca/support/mobile-devices/galaxy-phone-google-device-protection/",
        RECHECKED,
    ),
    Source(
        "google-deceased",
        "How to report a deceased person's account on Google (Gadgets Now, 2017)",
        "https://www.gadgetsnow.com/how-to/how-to-report-a-deceased-persons-account-on-google/amp_articleshow/59177352.cms",
        RECHECKED,
    ),
    Source(
        "edl-authorized",
        "Xiaomi needs a better way to unbrick its devices instead of Authorized Mi Accounts "
        "(XDA Developers)",
        "https://www.xda-developers.com/xiaomi-edl-unbrick-authorized-mi-accounts/",
        RECHECKED,
    ),
    Source(
        "edl-test-point",
        "Xiaomi Mi4c: test point, EDL mode (labalec.fr, 2018)",
        "https://labalec.fr/erwan/?cat=87",
        RECHECKED,
    ),
    Source(
        "scam-report",
        "Maraknya Penipuan Online, Ini 5 Cara Melapor agar Uang Kembali (iNews Sidoarjo)",
        "https://sidoarjo.inews.id/read/462454/maraknya-penipuan-online-ini-5-cara-melapor-agar-uang-kembali/2",
        RECHECKED,
    ),
)

SOURCE_BY_ID = {source.id: source for source in SOURCES}


def sources_for(*id_lists) -> list[Source]:
    """The sources named in any of the lists, once each, in the order of SOURCES."""
    wanted = {source_id for ids in id_lists for source_id in ids}
    return [source for source in SOURCES if source.id in wanted]
