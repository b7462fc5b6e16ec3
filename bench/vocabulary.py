"""The word lists behind the benchmark corpus: places, people, tags and sentence templates.

Places are the real regencies (kabupaten) of Nusa Tenggara Timur with real district
(kecamatan) names; villages are made up from each island's sounds. People are fictional:
no quote in the corpus is put in a real official's mouth.

Templates are ``str.format`` strings; the keys they may use are the ones ``corpus._context``
fills in (regency, district, village, officials, numbers, the date as Indonesian news writes it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regency:
    name: str  # as in "Kabupaten {name}" (or the full "Kota Kupang")
    seat: str  # the town used as the dateline
    police: str  # the resort police (Polres) serving it
    island: str  # picks the sounds its village names are made of
    districts: tuple[str, ...]
    city: bool = False  # a kota: its villages are kelurahan, its name stands alone

    @property
    def full_name(self) -> str:
        return self.name if self.city else f"Kabupaten {self.name}"

    @property
    def chief_title(self) -> str:
        return self.police.replace("Polresta", "Kapolresta").replace("Polres ", "Kapolres ")


REGENCIES: tuple[Regency, ...] = (
    Regency(
        "Kota Kupang",
        "Kupang",
        "Polresta Kupang Kota",
        "timor",
        ("Alak", "Maulafa", "Oebobo", "Kelapa Lima", "Kota Raja", "Kota Lama"),
        city=True,
    ),
    Regency(
        "Kupang",
        "Oelamasi",
        "Polres Kupang",
        "timor",
        ("Kupang Tengah", "Kupang Timur", "Kupang Barat", "Amarasi", "Fatuleu", "Sulamu", "Takari", "Semau"),
    ),
    Regency(
        "Timor Tengah Selatan",
        "SoE",
        "Polres Timor Tengah Selatan",
        "timor",
        ("Kie", "Mollo Utara", "Mollo Selatan", "Amanuban Selatan", "Kuanfatu", "Kolbano", "Boking", "Fatumnasi"),
    ),
    Regency(
        "Timor Tengah Utara",
        "Kefamenanu",
        "Polres Timor Tengah Utara",
        "timor",
        ("Kota Kefamenanu", "Insana", "Biboki Anleu", "Miomaffo Barat", "Noemuti", "Insana Utara"),
    ),
    Regency(
        "Belu",
        "Atambua",
        "Polres Belu",
        "timor",
        ("Atambua Barat", "Kota Atambua", "Tasifeto Timur", "Tasifeto Barat", "Raihat", "Lamaknen"),
    ),
    Regency(
        "Malaka",
        "Betun",
        "Polres Malaka",
        "timor",
        ("Malaka Tengah", "Malaka Barat", "Kobalima", "Wewiku", "Rinhat", "Io Kufeu"),
    ),
    Regency(
        "Alor",
        "Kalabahi",
        "Polres Alor",
        "alor",
        ("Teluk Mutiara", "Alor Barat Laut", "Alor Barat Daya", "Pantar", "Alor Timur", "Kabola"),
    ),
    Regency(
        "Lembata",
        "Lewoleba",
        "Polres Lembata",
        "flores",
        ("Nubatukan", "Ile Ape", "Omesuri", "Buyasuri", "Atadei", "Wulandoni"),
    ),
    Regency(
        "Flores Timur",
        "Larantuka",
        "Polres Flores Timur",
        "flores",
        ("Larantuka", "Tanjung Bunga", "Adonara Timur", "Solor Barat", "Wulanggitang", "Ile Mandiri"),
    ),
    Regency(
        "Sikka",
        "Maumere",
        "Polres Sikka",
        "flores",
        ("Alok", "Alok Timur", "Kangae", "Nita", "Talibura", "Paga", "Lela"),
    ),
    Regency(
        "Ende",
        "Ende",
        "Polres Ende",
        "flores",
        ("Ende Tengah", "Ende Selatan", "Wolowaru", "Detusoko", "Kelimutu", "Nangapanda"),
    ),
    Regency(
        "Nagekeo",
        "Mbay",
        "Polres Nagekeo",
        "flores",
        ("Aesesa", "Boawae", "Mauponggo", "Nangaroro", "Wolowae"),
    ),
    Regency(
        "Ngada",
        "Bajawa",
        "Polres Ngada",
        "flores",
        ("Bajawa", "Golewa", "Aimere", "Riung", "Jerebuu"),
    ),
    Regency(
        "Manggarai",
        "Ruteng",
        "Polres Manggarai",
        "flores",
        ("Langke Rembong", "Ruteng", "Wae Rii", "Satar Mese", "Cibal", "Reok"),
    ),
    Regency(
        "Manggarai Barat",
        "Labuan Bajo",
        "Polres Manggarai Barat",
        "flores",
        ("Komodo", "Lembor", "Kuwus", "Sano Nggoang", "Macang Pacar", "Boleng"),
    ),
    Regency(
        "Manggarai Timur",
        "Borong",
        "Polres Manggarai Timur",
        "flores",
        ("Borong", "Kota Komba", "Sambi Rampas", "Elar", "Poco Ranaka", "Lamba Leda"),
    ),
    Regency(
        "Sumba Timur",
        "Waingapu",
        "Polres Sumba Timur",
        "sumba",
        ("Kota Waingapu", "Kambera", "Pandawai", "Haharu", "Lewa", "Umalulu"),
    ),
    Regency(
        "Sumba Barat",
        "Waikabubak",
        "Polres Sumba Barat",
        "sumba",
        ("Kota Waikabubak", "Loli", "Wanokaka", "Lamboya", "Tana Righu"),
    ),
    Regency(
        "Sumba Barat Daya",
        "Tambolaka",
        "Polres Sumba Barat Daya",
        "sumba",
        ("Loura", "Kota Tambolaka", "Wewewa Barat", "Kodi", "Kodi Bangedo"),
    ),
    Regency(
        "Rote Ndao",
        "Ba'a",
        "Polres Rote Ndao",
        "rote",
        ("Lobalain", "Rote Barat Daya", "Rote Timur", "Rote Tengah", "Pantai Baru"),
    ),
    Regency(
        "Sabu Raijua",
        "Seba",
        "Polres Sabu Raijua",
        "rote",
        ("Sabu Barat", "Sabu Timur", "Hawu Mehara", "Raijua", "Sabu Liae"),
    ),
)

# Real kelurahan of Kota Kupang; elsewhere village names are put together from these sounds.
KUPANG_KELURAHAN = (
    "Oebobo",
    "Fatululi",
    "Oesapa",
    "Liliba",
    "Naikoten",
    "Penfui",
    "Sikumana",
    "Bakunase",
    "Fatukoa",
    "Naimata",
    "Lasiana",
    "Pasir Panjang",
    "Namosain",
    "Manutapen",
    "Kolhua",
    "Oepura",
    "Kayu Putih",
    "Airnona",
)

VILLAGE_SOUNDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "timor": (
        ("Oe", "Noel", "Fatu", "Bau", "Nai", "Tuna", "Nun", "Bo", "Ha", "Ke", "Lak", "Ni", "Ta"),
        (
            "lete",
            "bana",
            "mnasi",
            "baki",
            "kolo",
            "matan",
            "leu",
            "sapa",
            "nifu",
            "tobe",
            "mese",
            "nain",
            "lasi",
            "feto",
        ),
    ),
    "flores": (
        ("Wolo", "Nua", "Watu", "Lewo", "Ile", "Golo", "Wae", "Ndeo", "Rana", "Boa", "Lela", "Mata"),
        ("lima", "mbaru", "gete", "bele", "tobi", "kapa", "sina", "ndora", "rate", "wangi", "lolo", "mude", "doka"),
    ),
    "sumba": (
        ("Wai", "Kam", "Pra", "Lai", "Mau", "Tana", "Lam", "Kon", "Pala", "Mbu"),
        ("ngapu", "bera", "liu", "hau", "rara", "tunda", "kaka", "mbapa", "ndima", "wola", "wutung", "pawu"),
    ),
    "alor": (
        ("Kabi", "Lan", "Pura", "Mar", "Tak", "Ala", "Moru", "Bota", "Wo", "Kala"),
        ("bahi", "tuka", "lelang", "mali", "pui", "dolu", "kang", "mate", "lola", "bui"),
    ),
    "rote": (
        ("Oe", "Nem", "Lek", "Ba", "Me", "Dai", "Bolo", "Ledo", "Mola", "Nada"),
        ("bau", "beru", "lain", "ndao", "ketu", "nilo", "hara", "menu", "seba", "rai"),
    ),
}

VILLAGES_PER_REGENCY = 24

FIRST_NAMES = (
    "Yohanes",
    "Fransiskus",
    "Agustinus",
    "Petrus",
    "Markus",
    "Yosef",
    "Stefanus",
    "Dominikus",
    "Antonius",
    "Ferdinandus",
    "Benediktus",
    "Arnoldus",
    "Maria",
    "Yuliana",
    "Elisabeth",
    "Theresia",
    "Agnes",
    "Magdalena",
    "Imanuel",
    "Ishak",
    "Daniel",
    "Yakobus",
    "Simon",
    "Hendrik",
    "Wilhelmus",
    "Kornelis",
    "Rikardus",
    "Gregorius",
    "Sefnat",
    "Marthen",
    "Oktovianus",
    "Yuvensius",
    "Ahmad",
    "Abdul",
    "Siti",
    "Nurhayati",
)

SURNAMES = (
    "Manafe",
    "Ndun",
    "Pah",
    "Nope",
    "Tefa",
    "Bria",
    "Seran",
    "Kiik",
    "Lado",
    "Wuwur",
    "Ratu",
    "Riwu",
    "Kana",
    "Dethan",
    "Foenay",
    "Sogen",
    "Kelen",
    "Making",
    "Hurint",
    "Moi",
    "Djami",
    "Lomi",
    "Nenobais",
    "Benu",
    "Kase",
    "Amalo",
    "Taolin",
    "Nahak",
    "Klau",
    "Atok",
    "Lake",
    "Bulu",
    "Tanone",
    "Wangge",
    "Jehadut",
    "Ngadung",
    "Lena",
    "Kaka",
    "Hamzah",
    "Besie",
)

EDITORS = (
    "Sefnat Besie",
    "Maria Goreti Lado",
    "Yohanes Kiik",
    "Fransiska Wuwur",
    "Agustinus Lake",
    "Ronal Ndun",
    "Elisabeth Bria",
    "Petrus Lelo Ate",
    "Yuliana Tefa",
    "Dominikus Ghale",
)

# Police ranks by post, most senior first.
RANK_CHIEF = "AKBP"
RANK_PRECINCT = ("Iptu", "Ipda", "AKP")
RANK_COMMUNITY = ("Aipda", "Bripka", "Brigpol", "Aiptu")
RANK_SPOKESPERSON = "Kombes Pol."

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

FIRST_YEAR = 2020
YEARS = 5  # articles are dated 2020-01-01 to 2024-12-31

TOP_TAGS = (
    "Polri",
    "Polda NTT",
    "Kamtibmas",
    "Bhabinkamtibmas",
    "Presisi",
    "Humas Polri",
    "Polisi Sahabat Masyarakat",
    "Sinergi TNI-Polri",
)

OPERATIONS = ("Operasi Ketupat", "Operasi Lilin", "Operasi Zebra", "Operasi Patuh", "Operasi Keselamatan")
HOLIDAYS = ("Natal", "Paskah", "Idulfitri")

MISC_TAGS = (
    "Kebakaran",
    "Penganiayaan",
    "Pembunuhan",
    "Judi Online",
    "Hoaks",
    "Kerukunan",
    "Pariwisata",
    "Komodo",
    "Perbatasan RI-RDTL",
    "Pelabuhan",
    "Nelayan",
    "Petani",
    "Guru",
    "Pemuda",
    "Mahasiswa",
    "Saka Bhayangkara",
    "Sepak Bola",
    "Bola Voli",
    "Donor Darah",
    "Covid-19",
    "Vaksinasi",
    "Rabies",
    "Demam Berdarah",
    "Malaria",
    "Gizi Buruk",
    "Listrik Desa",
    "Jalan Rusak",
    "Sekolah",
    "Gereja",
    "Masjid",
    "Adat",
    "Tenun Ikat",
    "Sasando",
    "Pasola",
    "Kopi Flores",
    "Jagung",
    "Rumput Laut",
    "Garam",
    "Sapi",
    "Flu Babi Afrika",
    "Banjir",
    "Longsor",
    "Kekeringan",
    "Badai Seroja",
    "Gempa Bumi",
    "Kapal Tenggelam",
    "Orang Hilang",
    "Basarnas",
    "Pekerja Migran",
    "Imigrasi",
    "Bea Cukai",
    "BBM",
    "Minyak Tanah",
    "Harga Pangan",
    "Bansos",
    "Dana Desa",
    "Korupsi",
    "Kejaksaan",
    "Pengadilan",
    "Lapas",
    "Kekerasan Anak",
    "KDRT",
    "Perundungan",
    "Minuman Keras",
    "Balap Liar",
    "Senjata Api",
    "Bom Ikan",
    "Illegal Logging",
    "Kebakaran Hutan",
    "Satwa Dilindungi",
    "Penipuan",
    "Pencurian",
    "Curanmor",
    "Begal",
    "SKCK",
    "SIM",
    "Rekrutmen Polri",
    "Propam",
    "Brimob",
    "Polairud",
)
TAG_COUNT = 300  # the rest of the list is filled with village names


@dataclass(frozen=True)
class Topic:
    tag: str
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    details: tuple[str, ...]
    quotes: tuple[str, ...]
    headings: tuple[str, ...]
    list_intro: str
    list_items: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        tag="Bakti Sosial",
        titles=(
            "{police} Gelar Bakti Sosial dan Pengobatan Gratis di {village_full}",
            "Polsek {district} Bagikan Paket Sembako kepada Warga {village_full}",
            "Bhabinkamtibmas {village_full} Salurkan Bantuan untuk Lansia dan Penyandang Disabilitas",
            "{chief_title} Serahkan {parcels} Paket Sembako di Kecamatan {district}",
        ),
        leads=(
            "{police} menggelar kegiatan bakti sosial di {village_full}, Kecamatan {district}, {regency_full}, "
            "pada {day_date}. Kegiatan tersebut diikuti ratusan warga yang datang sejak pagi hari.",
            "Personel Polsek {district} menyalurkan {parcels} paket sembako kepada warga kurang mampu di "
            "{village_full} pada {day_date}. Bantuan berisi beras, minyak goreng, gula pasir, dan mi instan.",
            "Jajaran {police} kembali hadir di tengah masyarakat melalui bakti sosial di {village_full}, "
            "{regency_full}, pada {day_date}.",
        ),
        details=(
            "Selain pembagian sembako, tim kesehatan dari Biddokkes Polda NTT juga membuka layanan pemeriksaan "
            "kesehatan gratis bagi {people} warga.",
            "Warga yang datang mendapatkan pemeriksaan tekanan darah, gula darah, serta obat-obatan sesuai keluhan "
            "yang disampaikan kepada petugas medis.",
            "Kegiatan dimulai pukul 08.00 WITA dengan apel bersama di halaman kantor desa, kemudian dilanjutkan "
            "dengan pembagian bantuan dari rumah ke rumah bagi warga lanjut usia.",
            "Bantuan diprioritaskan bagi lansia, janda, dan keluarga yang belum menerima bantuan sosial dari "
            "pemerintah, berdasarkan data yang dihimpun Bhabinkamtibmas bersama aparat desa.",
            "Kepala {village_full}, {headman}, mengapresiasi kepedulian jajaran kepolisian yang rela menempuh "
            "perjalanan jauh untuk menjangkau warganya.",
            "Akses menuju {village_full} cukup sulit karena sebagian ruas jalan masih berupa tanah dan bebatuan, "
            "terutama saat musim hujan.",
        ),
        quotes=(
            "Kami ingin hadir bukan hanya saat ada masalah, tetapi juga ketika masyarakat membutuhkan uluran tangan",
            "Bantuan ini memang tidak seberapa, tetapi kami harap bisa sedikit meringankan beban warga di tengah "
            "kenaikan harga kebutuhan pokok",
            "Polri adalah bagian dari masyarakat, jadi sudah sepantasnya kami berbagi dengan saudara-saudara kita "
            "di desa",
        ),
        headings=("Layanan Kesehatan Gratis", "Menjangkau Warga di Pelosok"),
        list_intro="Paket bantuan yang dibagikan antara lain:",
        list_items=(
            "beras 10 kilogram per kepala keluarga",
            "minyak goreng 2 liter",
            "gula pasir 1 kilogram",
            "mi instan satu dus",
            "telur ayam satu rak",
            "sabun dan perlengkapan mandi",
            "susu untuk balita",
        ),
    ),
    Topic(
        tag="Lalu Lintas",
        titles=(
            "Satlantas {police} Gencarkan Operasi Keselamatan di Jalan Trans {island}",
            "Angka Kecelakaan di {regency} Menurun, Satlantas Imbau Pengendara Tetap Pakai Helm",
            "Polisi Tegur {people} Pengendara Tanpa Helm di {seat}",
            "Satlantas {police} Sosialisasikan Tertib Berlalu Lintas kepada Pelajar di {district}",
        ),
        leads=(
            "Satuan Lalu Lintas {police} menggelar operasi keselamatan di sejumlah titik rawan di {seat} pada "
            "{day_date}. Petugas menyasar pengendara yang tidak menggunakan helm dan kendaraan bermuatan berlebih.",
            "Sebanyak {people} pengendara mendapat teguran simpatik dari personel Satlantas {police} dalam kegiatan "
            "yang digelar di ruas jalan utama Kecamatan {district} pada {day_date}.",
        ),
        details=(
            "Petugas juga memeriksa kelengkapan surat kendaraan, termasuk SIM dan STNK, serta mengingatkan "
            "pengendara agar tidak membonceng lebih dari satu orang.",
            "Menurut data Satlantas, sebagian besar kecelakaan di wilayah {regency} melibatkan sepeda motor dan "
            "terjadi pada malam hari di ruas jalan yang minim penerangan.",
            "Truk dan pikap yang mengangkut penumpang di bak terbuka masih menjadi pemandangan umum, terutama saat "
            "warga hendak menghadiri pesta adat atau ibadah di desa tetangga.",
            "Selain penindakan, polisi membagikan helm gratis kepada pengendara yang kedapatan tidak memiliki helm, "
            "khususnya pelajar dan petani yang hendak ke kebun.",
            "Kondisi jalan yang berkelok dan menanjak di wilayah pegunungan membuat pengendara harus ekstra "
            "hati-hati, terutama saat jalan licin setelah hujan.",
        ),
        quotes=(
            "Kami lebih mengedepankan langkah preemtif dan preventif, tetapi pelanggaran yang membahayakan nyawa "
            "tetap kami tindak tegas",
            "Helm bukan untuk menghindari polisi, melainkan untuk melindungi kepala saat terjadi kecelakaan",
            "Jangan berkendara dalam pengaruh minuman keras, karena itu sangat membahayakan diri sendiri dan "
            "pengguna jalan lain",
        ),
        headings=("Titik Rawan Kecelakaan", "Helm Gratis untuk Pelajar"),
        list_intro="Beberapa pelanggaran yang paling banyak ditemukan petugas:",
        list_items=(
            "pengendara tidak menggunakan helm",
            "kendaraan tanpa pelat nomor",
            "pengendara di bawah umur",
            "penumpang di bak terbuka",
            "knalpot tidak sesuai standar",
            "melawan arus lalu lintas",
            "berkendara dalam pengaruh minuman keras",
        ),
    ),
    Topic(
        tag="Narkoba",
        titles=(
            "Satresnarkoba {police} Amankan Terduga Pengedar Sabu di {seat}",
            "Polisi Sita {grams} Gram Sabu dari Seorang Pria di Kecamatan {district}",
            "{police} Gelar Penyuluhan Bahaya Narkoba di Sekolah-Sekolah {district}",
        ),
        leads=(
            "Satuan Reserse Narkoba {police} mengamankan seorang pria berinisial {initials} yang diduga mengedarkan "
            "narkotika jenis sabu di {seat} pada {day_date}.",
            "Aparat {police} berhasil menyita {grams} gram sabu dalam penggerebekan di sebuah rumah di Kecamatan "
            "{district}, {regency_full}, pada {day_date}.",
            "{police} menggelar penyuluhan tentang bahaya penyalahgunaan narkoba bagi ratusan pelajar di Kecamatan "
            "{district} pada {day_date}.",
        ),
        details=(
            "Penangkapan bermula dari laporan masyarakat yang curiga dengan aktivitas keluar masuk orang tak "
            "dikenal di rumah tersebut pada malam hari.",
            "Dari tangan terduga pelaku, polisi menyita sejumlah paket kecil sabu, timbangan digital, plastik klip, "
            "dan sebuah telepon genggam.",
            "Terduga pelaku kini ditahan di Mapolres untuk pemeriksaan lebih lanjut dan terancam dijerat dengan "
            "Undang-Undang Nomor 35 Tahun 2009 tentang Narkotika.",
            "Polisi masih mendalami jaringan peredaran narkoba tersebut, termasuk kemungkinan barang haram itu "
            "dikirim melalui jasa ekspedisi dari luar daerah.",
            "Para pelajar diberi pemahaman tentang jenis-jenis narkoba, dampaknya bagi kesehatan, serta ancaman "
            "hukuman bagi pengguna maupun pengedar.",
        ),
        quotes=(
            "Kami tidak akan memberi ruang sedikit pun bagi peredaran narkoba di wilayah hukum kami",
            "Peran orang tua dan guru sangat penting agar anak-anak kita tidak terjerumus dalam penyalahgunaan narkoba",
            "Kami minta masyarakat tidak ragu melapor jika melihat aktivitas mencurigakan di lingkungannya, "
            "identitas pelapor kami jamin kerahasiaannya",
        ),
        headings=("Jaringan Masih Diselidiki", "Sasar Generasi Muda"),
        list_intro="Barang bukti yang diamankan petugas antara lain:",
        list_items=(
            "{small_packets} paket kecil sabu",
            "satu unit timbangan digital",
            "puluhan plastik klip kosong",
            "alat isap atau bong",
            "dua unit telepon genggam",
            "uang tunai yang diduga hasil penjualan",
        ),
    ),
    Topic(
        tag="Pencurian Ternak",
        titles=(
            "Polisi Tangkap Komplotan Pencuri {livestock_title} di {regency}",
            "Polsek {district} Kembalikan {animals} Ekor {livestock_title} Curian kepada Pemiliknya",
            "Marak Pencurian Ternak, {police} Gelar Patroli Malam di {district}",
        ),
        leads=(
            "Polsek {district} berhasil mengungkap kasus pencurian {livestock} yang meresahkan warga "
            "{village_full}, {regency_full}, pada {day_date}.",
            "Aparat {police} menangkap {suspects} orang yang diduga kerap mencuri {livestock} milik warga di "
            "Kecamatan {district} pada {day_date}.",
        ),
        details=(
            "Ternak curian itu rencananya akan dijual ke luar daerah melalui jalur darat dengan menggunakan truk "
            "pada dini hari.",
            "Bagi masyarakat di {regency}, ternak bukan sekadar harta, melainkan juga bagian penting dari urusan "
            "adat seperti belis, kematian, dan pesta syukur.",
            "Kerugian yang dialami pemilik ternak diperkirakan mencapai puluhan juta rupiah.",
            "Polisi mengimbau warga untuk memberi tanda pada ternak dan mengandangkan ternak pada malam hari.",
            "Para pelaku dijerat dengan Pasal 363 KUHP tentang pencurian dengan pemberatan dengan ancaman hukuman "
            "tujuh tahun penjara.",
        ),
        quotes=(
            "Pencurian ternak sangat merugikan warga, karena bagi mereka ternak adalah tabungan untuk biaya sekolah "
            "anak dan urusan adat",
            "Kami bekerja sama dengan kepala desa dan tokoh adat untuk memperketat pengawasan lalu lintas ternak "
            "antarwilayah",
            "Setiap pengiriman ternak harus dilengkapi surat keterangan asal dari desa dan dinas peternakan",
        ),
        headings=("Ternak dan Adat", "Patroli Malam Diperketat"),
        list_intro="Polisi meminta warga melakukan sejumlah langkah pencegahan:",
        list_items=(
            "mengandangkan ternak pada malam hari",
            "memberi tanda atau cap pada ternak",
            "melapor jika melihat kendaraan asing di sekitar padang penggembalaan",
            "mengaktifkan kembali ronda malam",
            "tidak membeli ternak tanpa surat keterangan asal",
        ),
    ),
    Topic(
        tag="Pengamanan Pemilu",
        titles=(
            "{police} Gelar Simulasi Sistem Pengamanan Kota Jelang Pemungutan Suara",
            "Personel Polsek {district} Kawal Distribusi Logistik Pemilu ke {village_full}",
            "{chief_title} Pantau Langsung TPS di Wilayah Terpencil",
        ),
        leads=(
            "{police} menggelar simulasi sistem pengamanan kota (sispamkota) di {seat} pada {day_date} sebagai "
            "persiapan menghadapi tahapan pemungutan suara.",
            "Personel Polsek {district} mengawal distribusi logistik pemilu menuju {village_full} yang hanya bisa "
            "dijangkau dengan berjalan kaki dan menyeberangi sungai, pada {day_date}.",
        ),
        details=(
            "Simulasi melibatkan ratusan personel gabungan TNI-Polri serta unsur pemerintah daerah, mulai dari "
            "pengamanan TPS hingga penanganan unjuk rasa.",
            "Kotak suara dan surat suara dibawa menggunakan perahu motor dan kendaraan roda dua karena sebagian "
            "jalan menuju desa terputus.",
            "Setiap TPS dijaga oleh personel kepolisian dibantu anggota Linmas, sementara TPS di daerah rawan "
            "mendapat penjagaan tambahan.",
            "Polisi juga mengimbau masyarakat agar tidak mudah terprovokasi oleh berita bohong yang beredar di "
            "media sosial selama masa kampanye.",
            "Bhabinkamtibmas rutin menyambangi tokoh agama dan tokoh adat untuk menjaga situasi tetap kondusif "
            "menjelang hari pemungutan suara.",
        ),
        quotes=(
            "Perbedaan pilihan itu hal yang biasa, yang terpenting persaudaraan kita sebagai orang NTT tetap terjaga",
            "Kami pastikan seluruh logistik tiba tepat waktu dan dalam kondisi aman sampai ke TPS",
            "Netralitas anggota Polri adalah harga mati, tidak ada anggota yang boleh berpihak kepada peserta "
            "pemilu mana pun",
        ),
        headings=("Logistik Dikawal hingga Pelosok", "Jaga Netralitas"),
        list_intro="Sejumlah tahapan yang mendapat pengamanan khusus antara lain:",
        list_items=(
            "distribusi logistik ke TPS",
            "masa kampanye terbuka",
            "hari pemungutan suara",
            "penghitungan suara di tingkat kecamatan",
            "rekapitulasi di tingkat kabupaten",
            "pergeseran kotak suara ke gudang KPU",
        ),
    ),
    Topic(
        tag="Bencana Alam",
        titles=(
            "Polisi Bantu Evakuasi Warga Terdampak Banjir di {village_full}",
            "{police} Kirim Personel dan Bantuan ke Lokasi Longsor di Kecamatan {district}",
            "Personel Polsek {district} Bersihkan Material Longsor yang Tutup Akses Jalan",
        ),
        leads=(
            "Personel {police} membantu mengevakuasi warga {village_full} yang rumahnya terendam banjir setelah "
            "hujan deras mengguyur {regency} sejak {day_date}.",
            "Tanah longsor menutup akses jalan penghubung antarkecamatan di Kecamatan {district}, {regency_full}, "
            "pada {day_date}. Personel Polsek {district} bersama warga langsung bergotong royong membersihkan "
            "material longsor.",
        ),
        details=(
            "Sedikitnya {people} jiwa mengungsi ke gedung gereja dan sekolah yang berada di lokasi lebih tinggi.",
            "Tidak ada korban jiwa dalam peristiwa itu, namun puluhan hektare sawah dan kebun jagung warga "
            "dilaporkan rusak.",
            "Polisi mendirikan dapur umum dan posko kesehatan untuk melayani kebutuhan para pengungsi.",
            "Badan Penanggulangan Bencana Daerah (BPBD) setempat masih mendata kerugian akibat bencana tersebut.",
            "Warga yang tinggal di bantaran sungai dan lereng bukit diminta tetap waspada karena curah hujan "
            "diprediksi masih tinggi.",
        ),
        quotes=(
            "Keselamatan warga adalah prioritas utama, kami siagakan personel selama 24 jam di lokasi",
            "Kami mengajak warga tetap tenang dan mengikuti arahan petugas di lapangan",
            "Mari kita bergotong royong, karena dalam situasi seperti ini kekompakan warga sangat menentukan",
        ),
        headings=("Dapur Umum untuk Pengungsi", "Warga Diminta Tetap Waspada"),
        list_intro="Bantuan yang disalurkan ke lokasi pengungsian meliputi:",
        list_items=(
            "beras dan makanan siap saji",
            "air mineral",
            "selimut dan tikar",
            "obat-obatan",
            "pakaian layak pakai",
            "terpal untuk tenda darurat",
        ),
    ),
    Topic(
        tag="Air Bersih",
        titles=(
            "{police} Resmikan Sumur Bor untuk Warga {village_full}",
            "Warga {village_full} Kini Nikmati Air Bersih dari Sumur Bor Polri",
            "Polda NTT Bangun Sumur Bor di Wilayah Rawan Kekeringan {regency}",
        ),
        leads=(
            "{police} meresmikan sumur bor bantuan Polri untuk warga {village_full}, Kecamatan {district}, "
            "pada {day_date}. Sumur itu diharapkan mengakhiri kesulitan air bersih yang dialami warga selama "
            "bertahun-tahun.",
            "Ratusan warga {village_full}, {regency_full}, kini tidak perlu lagi berjalan berkilo-kilometer untuk "
            "mendapatkan air bersih setelah sumur bor bantuan Polri mulai beroperasi pada {day_date}.",
        ),
        details=(
            "Selama ini warga harus berjalan sekitar tiga kilometer menuju mata air di lembah untuk memenuhi "
            "kebutuhan air minum dan memasak.",
            "Sumur bor dengan kedalaman sekitar {meters} meter itu dilengkapi pompa bertenaga surya dan bak "
            "penampungan berkapasitas 5.000 liter.",
            "Pada musim kemarau, warga terpaksa membeli air dari mobil tangki dengan harga yang cukup mahal bagi "
            "petani.",
            "Pengelolaan sumur diserahkan kepada pemerintah desa dan kelompok warga agar dapat dirawat secara "
            "berkelanjutan.",
            "Program sumur bor merupakan bagian dari upaya Polri membantu masyarakat di daerah yang rawan kekeringan.",
        ),
        quotes=(
            "Air adalah kebutuhan dasar, dan kami senang bisa membantu warga yang selama ini kesulitan",
            "Dulu anak-anak sering terlambat ke sekolah karena harus menimba air dulu, sekarang tidak lagi",
            "Kami titip agar sumur ini dijaga dan dirawat bersama, karena manfaatnya untuk anak cucu",
        ),
        headings=("Berakhirnya Perjalanan Menimba Air", "Dikelola Warga"),
        list_intro="Fasilitas yang dibangun dalam program ini meliputi:",
        list_items=(
            "sumur bor dengan pompa tenaga surya",
            "bak penampungan air",
            "jaringan pipa ke permukiman",
            "keran umum di beberapa titik",
            "tempat cuci bersama",
        ),
    ),
    Topic(
        tag="Jumat Curhat",
        titles=(
            "Jumat Curhat di {village_full}, Warga Keluhkan Maraknya Miras dan Balap Liar",
            "{chief_title} Dengarkan Keluhan Warga dalam Jumat Curhat di {district}",
            "Lewat Jumat Curhat, {police} Tampung Aspirasi Tokoh Adat dan Pemuda",
        ),
        leads=(
            "{police} menggelar kegiatan Jumat Curhat bersama warga {village_full}, Kecamatan {district}, pada "
            "{day_date}. Dalam kesempatan itu warga menyampaikan berbagai keluhan terkait keamanan lingkungan.",
            "Puluhan warga, tokoh adat, dan pemuda memadati balai desa {village} untuk menyampaikan keluhan "
            "langsung kepada {chief_title} dalam kegiatan Jumat Curhat pada {day_date}.",
        ),
        details=(
            "Warga mengeluhkan maraknya konsumsi minuman keras lokal yang kerap memicu perkelahian antarpemuda saat "
            "pesta.",
            "Sejumlah warga juga meminta polisi meningkatkan patroli di jalan desa yang sering dijadikan arena balap "
            "liar pada malam hari.",
            "Kapolres mencatat setiap keluhan dan berjanji menindaklanjutinya melalui Kapolsek dan Bhabinkamtibmas "
            "setempat.",
            "Kegiatan berlangsung santai sambil menikmati kopi dan jagung bose yang disiapkan warga.",
            "Jumat Curhat merupakan program Polri untuk mendekatkan diri dengan masyarakat sekaligus menampung "
            "masukan secara langsung.",
        ),
        quotes=(
            "Silakan sampaikan apa saja, kritik pun kami terima demi perbaikan pelayanan Polri",
            "Masalah kecil jangan dibiarkan menjadi besar, selesaikan secara kekeluargaan dan libatkan tokoh adat",
            "Kami ingin warga merasa polisi itu dekat, bukan sesuatu yang ditakuti",
        ),
        headings=("Keluhan Soal Miras", "Ditindaklanjuti Bhabinkamtibmas"),
        list_intro="Beberapa keluhan yang disampaikan warga antara lain:",
        list_items=(
            "peredaran minuman keras lokal",
            "balap liar pada malam hari",
            "pencurian hasil kebun",
            "perkelahian antarpemuda",
            "penerangan jalan yang minim",
            "pelayanan pembuatan SKCK",
        ),
    ),
    Topic(
        tag="Stunting",
        titles=(
            "Bhabinkamtibmas {village_full} Dampingi Keluarga Berisiko Stunting",
            "{police} Salurkan Makanan Bergizi untuk Balita di Kecamatan {district}",
        ),
        leads=(
            "{police} menyalurkan paket makanan bergizi bagi {people} balita berisiko stunting di Kecamatan "
            "{district}, {regency_full}, pada {day_date}.",
            "Bhabinkamtibmas {village_full} rutin mendatangi posyandu untuk mendampingi keluarga yang memiliki "
            "balita berisiko stunting, seperti yang dilakukan pada {day_date}.",
        ),
        details=(
            "Paket yang dibagikan berisi telur, susu, kacang hijau, dan ikan yang diharapkan dapat mencukupi "
            "kebutuhan protein anak.",
            "Berdasarkan data dinas kesehatan, angka stunting di {regency} masih tergolong tinggi dan menjadi "
            "perhatian bersama.",
            "Polisi bekerja sama dengan tenaga kesehatan puskesmas dan kader posyandu untuk memantau tumbuh kembang "
            "anak setiap bulan.",
            "Orang tua juga diberi penyuluhan tentang pentingnya makanan bergizi seimbang dan pola asuh yang baik.",
            "Kegiatan ini menjadi bagian dari program bapak asuh stunting yang melibatkan personel kepolisian.",
        ),
        quotes=(
            "Anak-anak ini adalah masa depan NTT, kita semua punya tanggung jawab memastikan mereka tumbuh sehat",
            "Kami tidak hanya datang membagikan bantuan, tetapi juga memantau perkembangan anak dari bulan ke bulan",
            "Manfaatkan pangan lokal seperti kelor, ikan, dan kacang-kacangan yang mudah didapat di kebun sendiri",
        ),
        headings=("Pendampingan dari Bulan ke Bulan", "Pangan Lokal Bergizi"),
        list_intro="Paket makanan tambahan yang dibagikan berisi:",
        list_items=(
            "telur ayam",
            "susu pertumbuhan",
            "kacang hijau",
            "ikan segar",
            "daun kelor",
            "biskuit tambahan gizi",
        ),
    ),
    Topic(
        tag="TPPO",
        titles=(
            "Polisi Gagalkan Pengiriman Calon Pekerja Migran Ilegal di Pelabuhan {seat}",
            "{police} Sosialisasikan Bahaya Perdagangan Orang kepada Warga {village_full}",
        ),
        leads=(
            "{police} menggagalkan keberangkatan {suspects} calon pekerja migran nonprosedural di {seat} pada "
            "{day_date}. Mereka diduga akan diberangkatkan ke Malaysia tanpa dokumen resmi.",
            "{police} menggelar sosialisasi pencegahan tindak pidana perdagangan orang (TPPO) di {village_full}, "
            "Kecamatan {district}, pada {day_date}.",
        ),
        details=(
            "Para calon pekerja migran itu direkrut oleh seseorang yang menjanjikan pekerjaan di perkebunan kelapa "
            "sawit dengan gaji tinggi.",
            "Polisi masih memburu perekrut yang diduga menjadi bagian dari jaringan pengiriman pekerja migran ilegal.",
            "Warga diminta berhati-hati terhadap tawaran kerja ke luar negeri yang tidak melalui jalur resmi dan "
            "Dinas Tenaga Kerja.",
            "Nusa Tenggara Timur termasuk daerah asal pekerja migran yang cukup banyak, sehingga pencegahan TPPO "
            "menjadi perhatian serius.",
            "Para calon pekerja migran kemudian diserahkan kepada Balai Pelayanan Pelindungan Pekerja Migran "
            "Indonesia untuk dipulangkan ke kampung halaman.",
        ),
        quotes=(
            "Jangan mudah tergiur janji gaji besar, pastikan semua dokumen diurus melalui jalur resmi",
            "Banyak saudara kita yang pulang tinggal nama karena berangkat secara ilegal, ini yang ingin kita cegah "
            "bersama",
            "Kami akan menindak tegas siapa pun yang terlibat dalam perekrutan ilegal, termasuk oknum yang membantu "
            "memalsukan dokumen",
        ),
        headings=("Janji Gaji Tinggi", "Pencegahan dari Desa"),
        list_intro="Ciri-ciri perekrutan ilegal yang perlu diwaspadai warga:",
        list_items=(
            "tidak ada kontrak kerja tertulis",
            "dokumen dipalsukan atau diurus orang lain",
            "calon pekerja diberangkatkan diam-diam pada malam hari",
            "tidak terdaftar di Dinas Tenaga Kerja",
            "usia calon pekerja dituakan dalam dokumen",
        ),
    ),
    Topic(
        tag="Ketahanan Pangan",
        titles=(
            "Polsek {district} Manfaatkan Lahan Tidur untuk Tanam Jagung",
            "{police} Panen Jagung Bersama Kelompok Tani di {village_full}",
            "Bhabinkamtibmas {village_full} Ajak Warga Tanam Sorgum dan Kelor",
        ),
        leads=(
            "Personel Polsek {district} bersama kelompok tani {village_full} menanam jagung di lahan seluas "
            "{hectares} hektare pada {day_date}. Kegiatan ini merupakan bagian dari program ketahanan pangan Polri.",
            "{police} bersama petani {village_full}, {regency_full}, menggelar panen raya jagung pada {day_date}.",
        ),
        details=(
            "Lahan yang sebelumnya tidak tergarap kini ditanami jagung, kacang-kacangan, dan sorgum yang tahan "
            "terhadap musim kering.",
            "Polisi juga membantu penyediaan bibit dan pupuk, serta mendampingi petani dalam pengolahan lahan.",
            "Hasil panen sebagian akan disimpan sebagai cadangan pangan desa untuk menghadapi musim paceklik.",
            "Petani setempat mengandalkan musim hujan yang relatif singkat sehingga waktu tanam harus "
            "diperhitungkan dengan cermat.",
            "Program ini juga melibatkan penyuluh pertanian lapangan dari dinas pertanian kabupaten.",
        ),
        quotes=(
            "Kita ingin desa mandiri pangan, tidak bergantung pada beras dari luar daerah",
            "Sorgum dan jagung cocok dengan kondisi tanah dan iklim di sini, jadi mari kita kembangkan bersama",
            "Polisi tidak hanya menjaga keamanan, tetapi juga ikut memastikan dapur warga tetap berasap",
        ),
        headings=("Lahan Tidur Jadi Produktif", "Cadangan Pangan Desa"),
        list_intro="Tanaman yang dikembangkan dalam program ini antara lain:",
        list_items=("jagung lokal", "sorgum", "kacang hijau", "kacang tanah", "kelor", "ubi kayu"),
    ),
    Topic(
        tag="Pelajar",
        titles=(
            "Polisi Sambangi SMA di {district}, Ingatkan Bahaya Perundungan dan Kekerasan",
            "Kapolsek {district} Jadi Pembina Upacara, Ajak Pelajar Bijak Bermedia Sosial",
        ),
        leads=(
            "Kapolsek {district} menjadi pembina upacara bendera di salah satu sekolah menengah atas di Kecamatan "
            "{district}, {regency_full}, pada {day_date}.",
            "Personel {police} menyambangi sejumlah sekolah di {seat} pada {day_date} untuk memberikan penyuluhan "
            "tentang bahaya perundungan, kekerasan, dan penyalahgunaan media sosial.",
        ),
        details=(
            "Di hadapan para siswa, polisi menjelaskan bahwa perundungan dapat berujung pada proses hukum, terlebih "
            "jika dilakukan berulang dan menyebabkan korban terluka.",
            "Siswa juga diingatkan untuk tidak menyebarkan konten yang mengandung hoaks, ujaran kebencian, dan "
            "pornografi.",
            "Kepala sekolah menyambut baik kegiatan tersebut dan berharap polisi rutin datang memberikan pembinaan.",
            "Polisi juga membuka sesi tanya jawab yang dimanfaatkan siswa untuk bertanya tentang cara menjadi "
            "anggota Polri.",
            "Penyuluhan ditutup dengan pembagian alat tulis dan buku bacaan kepada siswa berprestasi.",
        ),
        quotes=(
            "Jadilah pelajar yang cerdas bermedia sosial, karena jejak digital itu sulit dihapus",
            "Kalau ada teman yang dirundung, jangan diam, laporkan kepada guru atau orang tua",
            "Kami ingin generasi muda NTT tumbuh menjadi pribadi yang disiplin dan berprestasi",
        ),
        headings=("Perundungan Bisa Berujung Pidana", "Bijak Bermedia Sosial"),
        list_intro="Pesan yang disampaikan kepada para pelajar antara lain:",
        list_items=(
            "tidak melakukan perundungan",
            "tidak ikut tawuran",
            "tidak mengonsumsi minuman keras",
            "menjaga etika di media sosial",
            "tertib berlalu lintas saat ke sekolah",
            "melapor jika menjadi korban kekerasan",
        ),
    ),
    Topic(
        tag="Pengamanan Ibadah",
        titles=(
            "Polisi Amankan Ibadah di Gereja dan Masjid di {seat}",
            "{police} Siagakan Personel untuk Pengamanan Hari Raya di {regency}",
            "Personel Polsek {district} Jaga Rumah Ibadah, Wujud Toleransi di {regency}",
        ),
        leads=(
            "{police} mengerahkan personel untuk mengamankan ibadah di sejumlah gereja dan masjid di {seat} pada "
            "{day_date}.",
            "Pengamanan ibadah di wilayah Kecamatan {district}, {regency_full}, berlangsung aman dan lancar pada "
            "{day_date} berkat kerja sama polisi, TNI, dan pemuda lintas agama.",
        ),
        details=(
            "Pemuda gereja dan remaja masjid turut membantu mengatur lalu lintas dan parkir kendaraan jemaat.",
            "Sebelum ibadah dimulai, tim Jibom melakukan sterilisasi di rumah ibadah yang diperkirakan akan "
            "dipadati umat.",
            "Toleransi antarumat beragama di {regency} terus terjaga, terlihat dari keterlibatan warga lintas iman "
            "dalam pengamanan.",
            "Polisi juga menempatkan personel di pos pelayanan di sepanjang jalur utama untuk membantu masyarakat "
            "yang membutuhkan.",
        ),
        quotes=(
            "Kerukunan umat beragama di NTT adalah contoh bagi daerah lain, dan ini harus terus kita rawat",
            "Kami pastikan seluruh umat dapat beribadah dengan aman dan nyaman",
            "Terima kasih kepada pemuda lintas agama yang ikut menjaga keamanan, ini wujud persaudaraan kita",
        ),
        headings=("Sterilisasi Rumah Ibadah", "Toleransi yang Terjaga"),
        list_intro="Pengamanan dilakukan di sejumlah titik, antara lain:",
        list_items=(
            "gereja katedral dan paroki",
            "masjid raya",
            "jalur prosesi umat",
            "pusat perbelanjaan",
            "terminal dan pelabuhan",
            "tempat wisata",
        ),
    ),
    Topic(
        tag="Patroli",
        titles=(
            "Cegah Kriminalitas, Polsek {district} Tingkatkan Patroli Malam",
            "Bhabinkamtibmas {village_full} Aktifkan Kembali Pos Ronda",
            "{police} Gelar Patroli Skala Besar di {seat}",
        ),
        leads=(
            "Polsek {district} meningkatkan intensitas patroli malam di permukiman warga dan pusat keramaian mulai "
            "{day_date} menyusul adanya laporan pencurian di beberapa rumah warga.",
            "Bhabinkamtibmas {village_full}, {officer}, bersama aparat desa mengaktifkan kembali pos ronda di setiap "
            "dusun pada {day_date}.",
        ),
        details=(
            "Patroli menyasar lokasi yang kerap dijadikan tempat berkumpul pemuda sambil mengonsumsi minuman keras.",
            "Setiap malam, warga secara bergiliran berjaga di pos ronda dengan jadwal yang telah disepakati bersama.",
            "Polisi juga membagikan nomor telepon layanan pengaduan yang dapat dihubungi selama 24 jam.",
            "Situasi kamtibmas di wilayah {district} secara umum terpantau aman dan kondusif.",
            "Patroli dilakukan dengan sepeda motor agar dapat menjangkau gang-gang sempit dan jalan desa.",
        ),
        quotes=(
            "Keamanan lingkungan bukan hanya tugas polisi, tetapi tanggung jawab kita bersama",
            "Pos ronda ini kami hidupkan lagi agar warga bisa saling menjaga",
            "Jika ada hal mencurigakan, segera hubungi Bhabinkamtibmas atau polsek terdekat",
        ),
        headings=("Pos Ronda Dihidupkan", "Sasar Titik Rawan"),
        list_intro="Polisi mengimbau warga untuk:",
        list_items=(
            "mengunci pintu rumah dan kendaraan",
            "tidak meninggalkan rumah dalam keadaan kosong terlalu lama",
            "melaporkan orang asing yang mencurigakan",
            "ikut serta dalam ronda malam",
            "menyimpan nomor telepon polsek terdekat",
        ),
    ),
)

# Tags that follow from the year rather than the topic: an election story in 2023 is about 2024's.
ELECTION_TAGS = {2020: "Pilkada 2020", 2023: "Pemilu 2024", 2024: "Pemilu 2024"}

BACKGROUND = (
    "{regency_full} merupakan salah satu daerah di Provinsi Nusa Tenggara Timur dengan wilayah yang luas dan "
    "sebagian desanya masih sulit dijangkau kendaraan.",
    "Sebagian besar warga {village_full} bekerja sebagai petani lahan kering dan peternak, dengan penghasilan yang "
    "sangat bergantung pada musim hujan.",
    "Perjalanan dari {seat} menuju {village_full} memakan waktu sekitar {hours} jam melalui jalan yang berkelok "
    "dan menanjak.",
    "Jaringan telepon seluler di sebagian wilayah Kecamatan {district} masih belum stabil, sehingga informasi "
    "sering disampaikan dari mulut ke mulut.",
    "Kegiatan tersebut turut dihadiri Camat {district}, Danramil, tokoh agama, tokoh adat, serta perwakilan "
    "pemuda setempat.",
    "Warga menyambut kedatangan rombongan dengan tarian adat dan pengalungan selendang tenun ikat khas daerah.",
    "Kegiatan serupa sebelumnya telah dilaksanakan di beberapa desa lain di wilayah hukum {police}.",
    "Pemerintah daerah {regency} menyatakan mendukung program-program kepolisian yang menyentuh langsung "
    "kebutuhan masyarakat.",
    "Menurut catatan {police}, situasi keamanan di wilayah tersebut selama beberapa bulan terakhir relatif kondusif.",
    "Camat {district} mengatakan pihaknya akan terus berkoordinasi dengan polsek dan koramil untuk menjaga "
    "stabilitas di wilayahnya.",
    "Tokoh adat setempat mengingatkan warga untuk menjaga nilai-nilai kekeluargaan yang telah diwariskan para leluhur.",
    "Di sela kegiatan, personel kepolisian juga berdialog dengan warga tentang kondisi keamanan dan kebutuhan desa.",
    "Sebagian warga datang dari dusun-dusun yang jauh dengan berjalan kaki sejak subuh.",
    "Kondisi cuaca cerah membuat kegiatan berlangsung lancar hingga siang hari.",
    "Pihak kepolisian juga memanfaatkan kesempatan itu untuk menyosialisasikan layanan pengaduan masyarakat "
    "melalui nomor darurat 110.",
    "Aparat desa mencatat masih ada sejumlah keluarga yang membutuhkan perhatian khusus, terutama lansia yang "
    "tinggal sendiri.",
    "Kegiatan ini juga didokumentasikan dan dibagikan melalui akun media sosial resmi {police}.",
    "Hingga kini, {police} terus membuka ruang komunikasi dengan masyarakat melalui Bhabinkamtibmas di setiap "
    "desa dan kelurahan.",
    "Wilayah Kecamatan {district} berbatasan dengan beberapa kecamatan lain yang juga menjadi sasaran patroli "
    "rutin kepolisian.",
    "Menurut {headman}, warga {village_full} selama ini hidup rukun dan menjunjung tinggi semangat gotong royong.",
    "Bhabinkamtibmas {village_full}, {officer}, mengatakan dirinya hampir setiap hari menyambangi warga untuk "
    "mendengar keluhan mereka.",
    "Kapolsek {district}, {precinct_chief}, menyebut kegiatan ini sebagai bentuk nyata kehadiran negara di "
    "tengah masyarakat.",
)

VOICES = (
    '"Kami sangat berterima kasih kepada bapak-bapak polisi yang sudah datang ke desa kami," kata {resident}, '
    "salah seorang warga.",
    '"Baru kali ini kami didatangi langsung oleh pimpinan polisi dari kabupaten," ujar {resident}, warga '
    "{village_full}.",
    '"Semoga kegiatan seperti ini bisa rutin dilakukan, bukan hanya sekali," tutur {resident}, tokoh masyarakat '
    "setempat.",
    "{headman} selaku Kepala {village_full} mengatakan kehadiran polisi membuat warga merasa lebih aman dan "
    "diperhatikan.",
)

CLOSINGS = (
    "{chief_title} berharap sinergi antara kepolisian, pemerintah daerah, dan masyarakat terus terjaga demi "
    "terciptanya situasi yang aman dan kondusif.",
    "Kegiatan ditutup dengan makan bersama dan foto bersama antara personel kepolisian dan warga.",
    "{police} berkomitmen untuk terus menghadirkan program yang bermanfaat langsung bagi masyarakat di seluruh "
    "wilayah hukumnya.",
    "Masyarakat yang membutuhkan bantuan kepolisian dapat menghubungi layanan darurat 110 yang aktif selama 24 jam.",
    "Kabid Humas Polda NTT, {spokesperson}, menyampaikan apresiasi atas kerja keras jajaran {police} dalam "
    "kegiatan tersebut.",
)

SAYING_VERBS = ("kata", "ujar", "tegas", "jelas", "tutur")

LIVESTOCK = ("sapi", "kerbau", "kuda", "babi", "kambing")

ISLANDS = {"timor": "Timor", "flores": "Flores", "sumba": "Sumba", "alor": "Alor", "rote": "Rote"}
