package demo

import (
	"strconv"
	"strings"
)

// An origin is a family background in Demo City: the ethnicity its members
// are recorded with, the names they are given, the languages they speak first
// and the religions they hold. Every name below is a common given or family
// name of its background; the people made from them are invented.
type origin struct {
	key       string
	ethnicity string  // DfE ethnicity code of the family's members
	weight    float64 // relative share of households with children
	kids      float64 // mean number of children in a household
	lone      float64 // chance the household has one parent
	multigen  float64 // chance a grandparent lives in the household
	step      float64 // chance of a step-family (children from an earlier relationship)

	male, female           []string // adults' given names
	childMale, childFemale []string // children's given names, when they differ from the adults'
	family                 []string // family names, in the form men use
	adultLang              []weighted
	childEnglish           float64 // chance a child's first language is English when the parents' is not
	religion               []weighted
	surnames               surnameRule
	singhKaur              float64 // chance (Sikh families) that the family name is Singh for men and Kaur for women
	begum                  float64 // chance (Bangladeshi families) that a married woman's family name is Begum
	keepsName              float64 // chance a mother keeps a family name of her own
}

// surnameRule says how a family name changes for women, in the languages
// where it does.
type surnameRule int

const (
	surnameSame       surnameRule = iota
	surnamePolish                 // Kowalski, Kowalska
	surnameSlavic                 // Ivanov, Ivanova
	surnameCzech                  // Novák, Nováková; Černý, Černá
	surnameLithuanian             // Kazlauskas, Kazlauskienė (wife), Kazlauskaitė (daughter)
	surnameLatvian                // Bērziņš, Bērziņa
	surnameGreek                  // Papadopoulos, Papadopoulou
)

// weighted is a code with its weight, for weighted choices.
type weighted struct {
	code string
	w    float64
}

// ws reads "POL:0.9 ENG:0.1" into weighted codes.
func ws(s string) []weighted {
	var out []weighted
	for _, f := range strings.Fields(s) {
		code, w, ok := strings.Cut(f, ":")
		if !ok {
			panic("demo: weight missing in " + f)
		}
		x, err := strconv.ParseFloat(w, 64)
		if err != nil {
			panic("demo: bad weight in " + f)
		}
		out = append(out, weighted{code, x})
	}
	return out
}

// n splits a list of names written one after another. Names of two words are
// joined with an underscore, which becomes a space.
func n(s string) []string {
	f := strings.Fields(s)
	for i, x := range f {
		f[i] = strings.ReplaceAll(x, "_", " ")
	}
	return f
}

// Religions most often held in each broad background.
var (
	relBritish   = ws("NON:0.50 CHR:0.40 OTH:0.01 NOT:0.09")
	relChristian = ws("CHR:0.85 NON:0.10 NOT:0.05")
	relCatholic  = ws("CHR:0.90 NON:0.06 NOT:0.04")
	relMuslim    = ws("MUS:0.95 NOT:0.05")
	relSikh      = ws("SIK:0.86 HIN:0.03 NON:0.05 NOT:0.06")
	relHindu     = ws("HIN:0.85 OTH:0.03 NON:0.06 NOT:0.06")
	relMixedEU   = ws("CHR:0.70 NON:0.22 NOT:0.08")
	relEastAsia  = ws("NON:0.55 BUD:0.20 CHR:0.20 NOT:0.05")
)

// origins are Demo City's family backgrounds. The weights are relative
// shares of households; with each background's household sizes they give
// about 62% of children White British and about 37% from minority ethnic
// groups, and about ninety first languages among children.
var origins = []origin{
	{
		key: "british", ethnicity: "WBRI", weight: 62.5, kids: 1.75, lone: 0.27, multigen: 0.02, step: 0.10, keepsName: 0.35,
		male: n(`David Paul Mark Andrew Richard Stephen Michael Darren Lee Gary Wayne Dean Scott Carl Jason Simon Neil
			Martin Ian Craig Matthew Christopher Daniel James Robert John Peter Stuart Jamie Ryan Adam Luke Ben Tom
			Nathan Kevin Anthony Shaun Gavin Ashley Jonathan Russell Glenn Karl Danny Marc Steven Philip Adrian Graham`),
		female: n(`Sarah Emma Claire Lisa Nicola Donna Michelle Joanne Stacey Kirsty Samantha Victoria Natalie Rachel
			Hayley Leanne Danielle Zoe Karen Tracey Julie Helen Amanda Louise Kelly Gemma Laura Rebecca Jennifer Charlotte
			Amy Jade Kayleigh Sophie Katie Lauren Jodie Carly Vicky Kerry Becky Emily Jessica Hannah Sharon Angela Dawn`),
		childMale: n(`Oliver Jack Harry George Noah Charlie Jacob Alfie Freddie Oscar Leo Thomas William Joshua Samuel
			Joseph Ethan Mason Lewis Tyler Kyle Callum Connor Jake Riley Max Louie Reggie Tommy Ronnie Frankie Jayden
			Kai Lucas Theo Arthur Henry Finley Dylan Harvey Archie Owen Toby Logan Jenson Bobby Albie Teddy Hunter
			Rory Elliot Austin Ollie Harley Brody Carter Ellis Jude Stanley Sonny`),
		childFemale: n(`Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Poppy Evie Ella Ruby Emily
			Chloe Sophie Megan Hannah Lauren Holly Paige Courtney Leah Millie Maisie Willow Daisy Florence Harper
			Evelyn Phoebe Scarlett Matilda Elsie Layla Lacey Kayla Amber Abbie Bethany Katie Erin Imogen Summer
			Darcie Lexi Lola Thea Bonnie Edie Esme Orla Nancy Hallie Maya Aria Luna Ellie-May Lily-Rose`),
		family: n(`Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright
			Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood Turner Martin Cooper Hill Ward
			Morris Moore Clark King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett
			Young Griffiths Mitchell Cook Carter Richardson Bailey Collins Bell Shaw Cox Richards Marshall Simpson
			Ellis Adams Hadley Bate Cartwright Bissell Rowley Hickman Pountney Tonks Jukes Plant Perks Mills Hodgetts
			Fellows Butler Bradley Hollis Whitehouse Round Aston Baggott Dudley Jeavons Haden Bache Millward Parkes
			Cashmore Hingley Bayliss Dunn Oakley Lloyd Pritchard Nock Harper Guest Cope Beddows Homer Woodall
			Grainger Meese Tranter Raybould Southall Wootton Yates Wilkes Bourne Cotterill Hartshorne Nicholls
			Cadman Lester Worton Hale Stokes Webb Fisher Holmes Chapman Gibbs Rogers Stevens Pearce Foster`),
		adultLang: ws("ENG:0.998 CYM:0.001 NOT:0.001"),
		religion:  relBritish,
	},
	{
		key: "irish", ethnicity: "WIRI", weight: 0.42, kids: 1.8, lone: 0.2, step: 0.08, keepsName: 0.3,
		male:      n(`Sean Patrick Conor Ciaran Liam Declan Niall Eoin Cian Darragh Padraig Kieran Aidan Fionn Oisin Ronan Brendan Cathal Colm Dermot`),
		female:    n(`Aoife Ciara Niamh Siobhan Saoirse Roisin Orla Sinead Grainne Caoimhe Clodagh Aisling Maeve Deirdre Eimear Nuala Bridget Mairead Fiona Shannon`),
		family:    n(`Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill O'Reilly Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn McLoughlin Carroll Connolly Daly Brennan Burke Fitzgerald Keane Nolan Flanagan Duffy Hegarty Callaghan`),
		adultLang: ws("ENG:1"),
		religion:  relCatholic,
	},
	{
		key: "traveller", ethnicity: "WIRT", weight: 0.12, kids: 2.6, lone: 0.15,
		male:      n(`Patrick Michael John Martin Thomas Johnny Paddy Christy Francie Bernard James Joe Mikey Tommy`),
		female:    n(`Bridget Mary Margaret Kathleen Nora Ellen Winnie Chrissie Teresa Josie Shannon Kerry Tiffany Roseanne`),
		family:    n(`Ward McDonagh Joyce Maughan O'Donnell Stokes Connors Sheridan Doherty Cash Delaney McGinley Collins Quilligan`),
		adultLang: ws("ENG:0.85 TRI:0.15"), childEnglish: 0.3,
		religion: relCatholic,
	},
	{
		key: "roma", ethnicity: "WROM", weight: 0.45, kids: 2.6, lone: 0.12, multigen: 0.1,
		male:      n(`Ion Marian Florin Daniel Gheorghe Costel Adrian Robert Pavol Jozef Milan Tomáš Lukáš Denis Erik Roman Marek Radu Nicolae Alin`),
		female:    n(`Maria Elena Florentina Ionela Mirela Andreea Daniela Simona Monika Veronika Renata Denisa Silvia Lenka Sabina Gabriela Ana Rebeka`),
		family:    n(`Lakatoš Horváth Balog Oláh Kotlár Rostaş Stoica Dumitru Căldăraru Gabor Mirga Kwiek Ciuraru Sandu Dinu Pop Šarközi Giňa`),
		adultLang: ws("RME:0.4 RMN:0.25 SLO:0.2 CZE:0.1 HGR:0.05"), childEnglish: 0.1,
		religion: relChristian,
	},
	{
		key: "polish", ethnicity: "WOTH", weight: 1.7, kids: 1.7, lone: 0.12, step: 0.05, surnames: surnamePolish,
		male:      n(`Jakub Kacper Szymon Filip Jan Antoni Mateusz Bartosz Michał Wojciech Piotr Krzysztof Tomasz Paweł Łukasz Marcin Adam Dawid Kamil Oskar Igor Maciej Dominik Patryk Grzegorz Marek`),
		female:    n(`Zuzanna Julia Maja Zofia Hanna Lena Alicja Natalia Wiktoria Oliwia Amelia Anna Katarzyna Agnieszka Magdalena Joanna Monika Ewa Karolina Aleksandra Marta Paulina Justyna Emilia Dorota Beata`),
		family:    n(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Majewski Olszewski Stępień Zając Dudek`),
		adultLang: ws("POL:0.97 ENG:0.03"), childEnglish: 0.15,
		religion: relCatholic,
	},
	{
		key: "romanian", ethnicity: "WOTH", weight: 1.25, kids: 1.6, lone: 0.1, surnames: surnameSame,
		male:      n(`Andrei Alexandru Ionuț Mihai Ștefan Cristian Florin Gabriel Bogdan Vlad Răzvan Daniel Darius Luca David Matei Rareș Sorin Cătălin Marius`),
		female:    n(`Maria Elena Ioana Andreea Alexandra Mihaela Cristina Gabriela Roxana Bianca Denisa Ana Sofia Daria Irina Alina Larisa Diana Raluca Teodora`),
		family:    n(`Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Marin Lungu Tudor Moldovan Florea Nistor Ene Dinu Neagu Oprea Mocanu Ungureanu`),
		adultLang: ws("RMN:0.95 HGR:0.05"), childEnglish: 0.1,
		religion: relChristian,
	},
	{
		key: "lithuanian", ethnicity: "WOTH", weight: 0.3, kids: 1.6, lone: 0.15, surnames: surnameLithuanian,
		male:      n(`Lukas Matas Jonas Dominykas Mantas Tomas Darius Paulius Justinas Nojus Kajus Arnas Vytautas`),
		female:    n(`Emilija Austėja Gabija Ieva Rūta Eglė Kotryna Lėja Jurgita Inga Viktorija Rasa Giedrė`),
		family:    n(`Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas Kavaliauskas Navickas Rimkus Balčiūnas`),
		adultLang: ws("LIT:0.9 RUS:0.1"), childEnglish: 0.15,
		religion: relCatholic,
	},
	{
		key: "latvian", ethnicity: "WOTH", weight: 0.22, kids: 1.6, lone: 0.15, surnames: surnameLatvian,
		male:      n(`Jānis Andris Mārtiņš Kristaps Roberts Edgars Artūrs Daniels Markuss Raivis`),
		female:    n(`Anna Līga Ilze Sanita Laura Kristīne Elīza Sofija Marta Inese`),
		family:    n(`Bērziņš Kalniņš Ozols Jansons Liepiņš Krūmiņš Balodis Zariņš Pētersons Vītols`),
		adultLang: ws("LTV:0.85 RUS:0.15"), childEnglish: 0.15,
		religion: relMixedEU,
	},
	{
		key: "estonian", ethnicity: "WOTH", weight: 0.03, kids: 1.5, lone: 0.1,
		male:      n(`Markus Rasmus Martin Sander Karl Kristjan`),
		female:    n(`Sofia Eliise Maria Laura Mia Liisa`),
		family:    n(`Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves`),
		adultLang: ws("EST:0.8 RUS:0.2"), childEnglish: 0.2,
		religion: relMixedEU,
	},
	{
		key: "bulgarian", ethnicity: "WOTH", weight: 0.3, kids: 1.6, lone: 0.1, surnames: surnameSlavic,
		male:      n(`Georgi Ivan Dimitar Nikolay Petar Hristo Stoyan Todor Martin Aleksandar Kaloyan Viktor`),
		female:    n(`Maria Ivanka Elena Desislava Gergana Radostina Tsvetelina Petya Yoana Viktoria Nikol Teodora`),
		family:    n(`Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Angelov Kolev Yordanov`),
		adultLang: ws("BUL:0.85 TUR:0.10 RME:0.05"), childEnglish: 0.1,
		religion: ws("CHR:0.8 MUS:0.1 NON:0.05 NOT:0.05"),
	},
	{
		key: "ukrainian", ethnicity: "WOTH", weight: 0.3, kids: 1.5, lone: 0.35,
		male:      n(`Oleksandr Andriy Dmytro Serhiy Mykola Yuriy Maksym Artem Bohdan Ivan Denys Taras`),
		female:    n(`Olena Tetiana Iryna Natalia Oksana Yulia Kateryna Anastasiia Sofiia Viktoriia Daryna Alina`),
		family:    n(`Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Koval Oliynyk Lysenko Marchenko Savchenko Petrenko Moroz Kovalchuk Polishchuk`),
		adultLang: ws("UKR:0.7 RUS:0.3"), childEnglish: 0.05,
		religion: ws("CHR:0.8 NON:0.15 NOT:0.05"),
	},
	{
		key: "slovak", ethnicity: "WOTH", weight: 0.14, kids: 1.7, lone: 0.12, surnames: surnameCzech,
		male:      n(`Tomáš Martin Peter Jakub Lukáš Michal Filip Matej Adam Ján`),
		female:    n(`Lucia Veronika Kristína Tereza Katarína Zuzana Petra Barbora Nela Simona`),
		family:    n(`Novák Svoboda Dvořák Černý Kučera Baláž Polák Marek Kráľ Šimko Horák Kováč`),
		adultLang: ws("SLO:0.6 CZE:0.4"), childEnglish: 0.15,
		religion: relCatholic,
	},
	{
		key: "hungarian", ethnicity: "WOTH", weight: 0.1, kids: 1.6, lone: 0.12,
		male:      n(`Bence Máté Levente Dávid Gergő Péter László Zoltán Attila Balázs`),
		female:    n(`Anna Eszter Réka Zsófia Kata Dóra Nóra Viktória Judit Orsolya`),
		family:    n(`Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp`),
		adultLang: ws("HGR:1"), childEnglish: 0.15,
		religion: relMixedEU,
	},
	{
		key: "albanian", ethnicity: "WOTH", weight: 0.22, kids: 2.0, lone: 0.08,
		male:      n(`Arben Besnik Ilir Dritan Erion Florian Gentian Kastriot Luan Agron Endrit Elvis Arlind Klevis`),
		female:    n(`Arta Besa Drita Elira Fjolla Liridona Mirela Valbona Ardita Jonida Anjeza Ermira Klea`),
		family:    n(`Hoxha Krasniqi Gashi Berisha Shehu Morina Dervishi Kola Leka Bajrami Murati Hasani Rama Duka`),
		adultLang: ws("ALB:0.95 ENG:0.05"), childEnglish: 0.2,
		religion: ws("MUS:0.6 CHR:0.2 NON:0.15 NOT:0.05"),
	},
	{
		key: "balkan", ethnicity: "WOTH", weight: 0.1, kids: 1.8, lone: 0.12,
		male:      n(`Nikola Marko Stefan Luka Ivan Milan Dragan Amir Adnan Emir Goran Dino`),
		female:    n(`Jelena Ana Ivana Milica Maja Amra Lejla Selma Marija Dijana Emina`),
		family:    n(`Petrović Jovanović Nikolić Horvat Kovačević Hadžić Begić Ilić Popović Marković Delić Halilović`),
		adultLang: ws("SCB:1"), childEnglish: 0.3,
		religion: ws("CHR:0.55 MUS:0.35 NON:0.1"),
	},
	{
		key: "portuguese", ethnicity: "WOTH", weight: 0.2, kids: 1.7, lone: 0.15,
		male:      n(`João Tiago Rodrigo Pedro Diogo Miguel Rafael Gonçalo Francisco Duarte Rui Nuno`),
		female:    n(`Ana Beatriz Inês Mariana Leonor Carolina Sofia Joana Catarina Rita Sara Filipa`),
		family:    n(`Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes Marques Carvalho Almeida Ribeiro`),
		adultLang: ws("POR:0.9 ENG:0.1"), childEnglish: 0.3,
		religion: relCatholic,
	},
	{
		key: "italian", ethnicity: "WOTH", weight: 0.08, kids: 1.6, lone: 0.1,
		male:      n(`Marco Luca Giuseppe Alessandro Francesco Matteo Lorenzo Andrea Davide Salvatore`),
		female:    n(`Giulia Chiara Francesca Sara Martina Alessia Elena Valentina Federica Giovanna`),
		family:    n(`Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti`),
		adultLang: ws("ITA:0.9 ENG:0.1"), childEnglish: 0.5,
		religion: relCatholic,
	},
	{
		key: "spanish", ethnicity: "WOTH", weight: 0.08, kids: 1.6, lone: 0.1,
		male:      n(`Javier Alejandro Pablo Sergio Álvaro Adrián Hugo Daniel Jorge Iker Jordi`),
		female:    n(`Lucía Paula Laura Marta Alba Claudia Elena Irene Carmen Ainhoa Núria`),
		family:    n(`García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz`),
		adultLang: ws("SPA:1"), childEnglish: 0.3,
		religion: relCatholic,
	},
	{
		key: "french", ethnicity: "WOTH", weight: 0.05, kids: 1.7, lone: 0.15,
		male:      n(`Louis Hugo Gabriel Arthur Jules Lucas Théo Nathan Antoine Mathis`),
		female:    n(`Emma Léa Chloé Manon Camille Inès Jade Louise Zoé Clémence`),
		family:    n(`Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Laurent Lefebvre`),
		adultLang: ws("FRN:1"), childEnglish: 0.4,
		religion: relMixedEU,
	},
	{
		key: "german", ethnicity: "WOTH", weight: 0.05, kids: 1.6, lone: 0.15,
		male:      n(`Lukas Felix Jonas Leon Finn Paul Maximilian Jan Tobias`),
		female:    n(`Lena Hannah Lea Anna Emma Marie Sophie Laura Johanna`),
		family:    n(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz`),
		adultLang: ws("GER:0.9 ENG:0.1"), childEnglish: 0.4,
		religion: relMixedEU,
	},
	{
		key: "dutch", ethnicity: "WOTH", weight: 0.03, kids: 1.6, lone: 0.15,
		male:      n(`Daan Bram Sem Lucas Thijs Ruben Jesse Stijn`),
		female:    n(`Sanne Fenna Julia Tess Lotte Noa Eva Anouk`),
		family:    n(`de_Jong Jansen de_Vries van_den_Berg Bakker Visser Smit Meijer Mulder de_Boer`),
		adultLang: ws("DUT:1"), childEnglish: 0.4,
		religion: relMixedEU,
	},
	{
		key: "nordic", ethnicity: "WOTH", weight: 0.04, kids: 1.6, lone: 0.15,
		male:      n(`Lars Erik Sven Anders Mikkel Magnus Oskar Elias Jonas Aleksi Eero`),
		female:    n(`Ingrid Astrid Freja Saga Maja Ida Linnea Sanna Aino Emilia`),
		family:    n(`Johansson Andersson Nilsson Hansen Johansen Larsen Nielsen Jensen Virtanen Korhonen Mäkinen`),
		adultLang: ws("SWE:0.5 NOR:0.5"), childEnglish: 0.4,
		religion: relMixedEU,
	},
	{
		key: "greek", ethnicity: "WOTH", weight: 0.05, kids: 1.7, lone: 0.1, surnames: surnameGreek,
		male:      n(`Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis Christos Vasileios Andreas`),
		female:    n(`Maria Eleni Aikaterini Vasiliki Sofia Georgia Anastasia Despina Christina`),
		family:    n(`Papadopoulos Papadakis Georgiou Nikolaou Konstantinidis Vlachos Dimitriou Pappas Antoniou Christodoulou`),
		adultLang: ws("GRE:0.9 ENG:0.1"), childEnglish: 0.4,
		religion: ws("CHR:0.9 NON:0.1"),
	},
	{
		key: "turkish", ethnicity: "WOTH", weight: 0.1, kids: 2.0, lone: 0.1,
		male:      n(`Mehmet Mustafa Ahmet Emre Burak Can Yusuf Kerem Ali Deniz Eren Hasan`),
		female:    n(`Ayşe Fatma Elif Zeynep Emine Merve Büşra Esra Hatice Ebru Defne Ecrin`),
		family:    n(`Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan Kılıç Aslan`),
		adultLang: ws("TUR:0.9 KURM:0.1"), childEnglish: 0.2,
		religion: ws("MUS:0.9 NON:0.05 NOT:0.05"),
	},
	{
		key: "georgian", ethnicity: "WOTH", weight: 0.03, kids: 1.7, lone: 0.1,
		male:      n(`Giorgi Davit Levan Nikoloz Luka Irakli Armen Tigran`),
		female:    n(`Nino Mariam Tamar Ana Salome Anahit Lusine Gayane`),
		family:    n(`Beridze Kapanadze Gelashvili Maisuradze Lomidze Petrosyan Hovhannisyan Sargsyan Grigoryan`),
		adultLang: ws("GEO:0.5 ARM:0.5"), childEnglish: 0.2,
		religion: ws("CHR:0.95 NON:0.05"),
	},
	{
		key: "sikh", ethnicity: "AIND", weight: 5.6, kids: 2.0, lone: 0.08, multigen: 0.22, step: 0.03, singhKaur: 0.25,
		male:        n(`Harjit Gurpreet Jaspal Manjit Sukhwinder Kuldeep Amrik Baljit Harpreet Jasvir Ravinder Paramjit Navdeep Gurdeep Jagdeep Balvinder Kulwant Tarsem Davinder Rajinder Sandeep Jaswant`),
		female:      n(`Manpreet Jaswinder Rajinder Sukhjit Kiranjit Parminder Gurpreet Harpreet Simranjit Navneet Amandeep Kulwinder Balbir Surinder Harjinder Rupinder Sukhvinder Jasbir Manjit Paramjit`),
		childMale:   n(`Arjun Jaskaran Harvir Armaan Gurveer Ekam Jasraj Karanvir Aryan Harjot Manveer Jaiden Ajay Jovan Taran Sahib Rajveer Kabir Gurnoor Arav`),
		childFemale: n(`Jasleen Harleen Gurleen Simran Jasmin Anika Ravneet Manveer Amrit Kirandeep Jasmeen Navleen Harnoor Mehar Japji Sehaj Ishleen Rajvir Sukhmani Amara`),
		family:      n(`Sandhu Gill Dhillon Sidhu Bains Johal Kang Grewal Sahota Bassi Chahal Sangha Atwal Uppal Bhamra Virdi Dhaliwal Hayer Mann Randhawa Rai Hothi Sohal Bhogal Kalsi Rehal Thandi Purewal Basra Panesar`),
		adultLang:   ws("PNJ:0.72 HIN:0.03 ENG:0.25"), childEnglish: 0.55,
		religion: relSikh,
	},
	{
		key: "gujarati", ethnicity: "AIND", weight: 1.5, kids: 1.8, lone: 0.06, multigen: 0.2,
		male:        n(`Raj Nikhil Hitesh Jignesh Mehul Nilesh Ketan Paresh Rakesh Sanjay Vijay Dhruv Kiran Mukesh Bharat Pankaj`),
		female:      n(`Priya Nisha Hetal Jyoti Komal Bhavna Rupal Sonal Mital Dipti Pooja Anjali Kavita Hina Nita Dimple`),
		childMale:   n(`Aarav Krish Rohan Yash Dev Neel Vihaan Arjun Parth Jay Veer Aryan Ansh`),
		childFemale: n(`Kavya Riya Diya Isha Aanya Mira Krupa Shreya Anaya Tanvi Jiya Khushi Avni`),
		family:      n(`Patel Shah Parmar Mistry Chauhan Solanki Makwana Desai Joshi Modi Panchal Lad Rathod Gohil Vaghela Bhatt Thakkar Lodhia Pandya Mehta Kotecha Chudasama`),
		adultLang:   ws("GUJ:0.75 ENG:0.25"), childEnglish: 0.5,
		religion: ws("HIN:0.85 MUS:0.05 OTH:0.03 NON:0.03 NOT:0.04"),
	},
	{
		key: "indian", ethnicity: "AIND", weight: 1.3, kids: 1.7, lone: 0.05, multigen: 0.12,
		male:        n(`Rahul Amit Vikram Suresh Anil Prakash Karthik Arun Venkat Srinivas Ravi Aditya Sunil Manoj Ajith Rajesh`),
		female:      n(`Sunita Lakshmi Deepa Meena Anita Kavitha Divya Swathi Priyanka Shalini Rekha Sangeetha Preethi Neha`),
		childMale:   n(`Ishaan Vivaan Sai Aryan Kabir Reyansh Advik Atharv Rishi Aadi Shaurya`),
		childFemale: n(`Aarohi Saanvi Ananya Ira Navya Avni Myra Prisha Kiara Diya Tara`),
		family:      n(`Sharma Gupta Kumar Reddy Nair Iyer Menon Rao Verma Mishra Pillai Srinivasan Krishnan Chatterjee Banerjee Das Agarwal Tiwari Pandey Naidu Kapoor Malhotra Kulkarni Deshpande`),
		adultLang:   ws("HIN:0.3 TAM:0.12 TEL:0.12 MLM:0.12 MAR:0.07 KAN:0.07 BNG:0.03 ENG:0.17"), childEnglish: 0.5,
		religion: ws("HIN:0.75 CHR:0.1 MUS:0.05 NON:0.05 NOT:0.05"),
	},
	{
		key: "pakistani", ethnicity: "APKN", weight: 1.25, kids: 2.6, lone: 0.08, multigen: 0.25, step: 0.02,
		male:        n(`Mohammed Muhammad Ali Hassan Hussain Imran Asif Tariq Kamran Zubair Usman Bilal Adeel Faisal Shahid Amjad Rizwan Nadeem Zahid Khalid Arshad`),
		female:      n(`Ayesha Fatima Zainab Maryam Hafsa Sana Nadia Saima Shazia Rubina Nazia Samina Amina Khadija Aisha Uzma Farah Shabana`),
		childMale:   n(`Ayaan Zayan Rayan Ibrahim Yusuf Musa Hamza Zain Haris Abdullah Eesa Muhammad Ahmed Rehan Idris Zakariya`),
		childFemale: n(`Hira Iqra Mahnoor Eman Anaya Zara Inaya Noor Alisha Aleena Hoorain Zoya Maryam Aisha Safa Haniya`),
		family:      n(`Khan Hussain Ahmed Ali Iqbal Shah Akhtar Mahmood Rashid Butt Malik Chaudhry Qureshi Mirza Raja Bashir Aslam Sadiq Javed Riaz Younis Saleem Hanif Zaman`),
		adultLang:   ws("URD:0.38 PNJM:0.2 PNJ:0.12 PHR:0.1 PAT:0.04 ENG:0.16"), childEnglish: 0.45,
		religion: relMuslim,
	},
	{
		key: "bangladeshi", ethnicity: "ABAN", weight: 0.35, kids: 2.6, lone: 0.06, multigen: 0.2, begum: 0.35,
		male:        n(`Abdul Mohammed Rahman Shahid Jamal Kamal Anwar Rashed Sayed Rafiq Arif Nazmul Tanvir Mizanur Shamim`),
		female:      n(`Nasima Rokeya Shirin Farzana Taslima Rupa Shamima Jahanara Nusrat Sumaiya Tahmina Ruksana Salma Rehana`),
		childMale:   n(`Riyad Ayaan Rayhan Ishaq Zayan Ahnaf Rafi Samir Tahmid Ayman Yahya`),
		childFemale: n(`Ayesha Maryam Raisa Tasnim Nabila Anisa Nusaiba Safiya Lamia Tahsin Sadia`),
		family:      n(`Miah Uddin Ali Ahmed Rahman Hoque Islam Chowdhury Hussain Alam Karim Sarkar Talukder Bhuiyan Haque Mahmud`),
		adultLang:   ws("BNGS:0.5 BNG:0.35 ENG:0.15"), childEnglish: 0.4,
		religion: relMuslim,
	},
	{
		key: "tamil", ethnicity: "AOTH", weight: 0.25, kids: 2.0, lone: 0.05, multigen: 0.15,
		male:      n(`Kajan Thiru Sivakumar Tharshan Nirosan Kavin Pirathap Jathusan Mathushan Ragulan Sutharsan`),
		female:    n(`Tharani Kavitha Thulasi Mathuja Abirami Sharmila Nirosha Keerthana Vithya Sinthuja`),
		family:    n(`Sivapalan Thangarajah Kandiah Nadarajah Sivakumar Rajendran Selvarajah Balasingham Ponnambalam Kanagaratnam`),
		adultLang: ws("TAM:0.92 ENG:0.08"), childEnglish: 0.35,
		religion: ws("HIN:0.6 CHR:0.3 NOT:0.1"),
	},
	{
		key: "sinhalese", ethnicity: "AOTH", weight: 0.04, kids: 1.8, lone: 0.05,
		male:      n(`Nuwan Chaminda Kasun Dinesh Ruwan Sanjeewa Tharindu`),
		female:    n(`Dilani Nadeesha Chathurika Sanduni Ishara Anusha Hiruni`),
		family:    n(`Perera Fernando Silva Jayasinghe Wickramasinghe Bandara Dissanayake Rathnayake`),
		adultLang: ws("SNH:0.9 ENG:0.1"), childEnglish: 0.3,
		religion: ws("BUD:0.7 CHR:0.25 NOT:0.05"),
	},
	{
		key: "nepali", ethnicity: "AOTH", weight: 0.28, kids: 1.8, lone: 0.05, multigen: 0.2,
		male:      n(`Bishnu Ramesh Dipak Suman Prakash Bikash Sagar Aashish Prabin Santosh Hari`),
		female:    n(`Sita Gita Sunita Anjali Srijana Pratiksha Sabina Samjhana Kamala Bimala`),
		family:    n(`Gurung Rai Limbu Thapa Magar Tamang Pun Shrestha Ghale Sherpa`),
		adultLang: ws("NEP:0.88 ENG:0.12"), childEnglish: 0.35,
		religion: ws("HIN:0.55 BUD:0.35 CHR:0.05 NOT:0.05"),
	},
	{
		key: "afghan", ethnicity: "AOTH", weight: 0.28, kids: 2.8, lone: 0.1, multigen: 0.1,
		male:      n(`Ahmad Mohammad Hamid Farid Wahid Zabihullah Rahmatullah Naveed Mustafa Omid Jawad Sohail Ajmal Shafiq`),
		female:    n(`Fatima Zahra Marzia Nargis Shabnam Parisa Mariam Hosna Freshta Nilofar Mursal Sodaba`),
		family:    n(`Ahmadi Rahimi Hashimi Sultani Karimi Popal Noori Haidari Stanikzai Safi Wardak Amiri Sadat Mohammadi`),
		adultLang: ws("PRSD:0.55 PAT:0.45"), childEnglish: 0.1,
		religion: relMuslim,
	},
	{
		key: "filipino", ethnicity: "AOTH", weight: 0.22, kids: 1.7, lone: 0.1,
		male:      n(`Jose Mark Ryan Christian John Paolo Jerome Angelo Carlo Rodel`),
		female:    n(`Maria Grace Joy Kristine Angelica Mary Jasmine Rowena Lovely Cherry Marites`),
		family:    n(`Santos Reyes Cruz Garcia Mendoza Bautista Villanueva Ramos Aquino Castillo Flores Soriano Manalo`),
		adultLang: ws("TGL:0.6 VSY:0.2 ENG:0.2"), childEnglish: 0.5,
		religion: ws("CHR:0.95 NOT:0.05"),
	},
	{
		key: "vietnamese", ethnicity: "AOTH", weight: 0.1, kids: 1.8, lone: 0.1,
		male:      n(`Minh Tuan Hung Duc Nam Khanh Long Quang Huy Phuc`),
		female:    n(`Linh Huong Thao Lan Mai Hoa Trang Ngoc Anh Vy`),
		family:    n(`Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do`),
		adultLang: ws("VIE:1"), childEnglish: 0.2,
		religion: ws("BUD:0.5 NON:0.4 CHR:0.1"),
	},
	{
		key: "southeastasian", ethnicity: "AOTH", weight: 0.07, kids: 1.7, lone: 0.1,
		male:      n(`Somchai Arif Hafiz Aung Kyaw Sokha Vannak Nurul Farhan`),
		female:    n(`Siriporn Nurul Aisyah Thandar Sreymom Malee Siti Wai`),
		family:    n(`Srisuk Wongsa Rahman Abdullah Win Tun Chea Sok Ismail Hamid`),
		adultLang: ws("THA:0.4 MLY:0.35 BMA:0.25"), childEnglish: 0.3,
		religion: ws("BUD:0.55 MUS:0.35 CHR:0.1"),
	},
	{
		key: "eastasian", ethnicity: "AOTH", weight: 0.05, kids: 1.5, lone: 0.05,
		male:      n(`Min-jun Ji-ho Seo-jun Hiroshi Takeshi Haruto Sota Bat-Erdene Temuulen`),
		female:    n(`Seo-yeon Ji-woo Ha-eun Yuki Sakura Haruka Aoi Oyunchimeg Anu`),
		family:    n(`Kim Lee Park Choi Jung Sato Suzuki Takahashi Tanaka Batbayar Gantulga`),
		adultLang: ws("KOR:0.55 JPN:0.45"), childEnglish: 0.4,
		religion: ws("NON:0.55 CHR:0.25 BUD:0.2"),
	},
	{
		key: "caribbean", ethnicity: "BCRB", weight: 2.0, kids: 1.8, lone: 0.48, multigen: 0.04, step: 0.08, keepsName: 0.4,
		male:        n(`Marcus Leon Dwayne Andre Jermaine Tyrone Delroy Winston Errol Clive Carlton Devon Kemar Lloyd Trevor Junior Courtney Everton Leroy Wesley`),
		female:      n(`Shanice Tanisha Keisha Simone Marcia Paulette Beverley Janet Yvonne Sonia Chantelle Tamika Natasha Charmaine Sharlene Marlene Donna Patrice`),
		childMale:   n(`Kyrie Malachi Isaiah Elijah Josiah Reuben Nathaniel Jaden Kaiden Tyrese Jahmai Kairo Amari Zion Tyreece Kemari Micah Jamal Tyler Marley`),
		childFemale: n(`Aaliyah Amani Nia Imani Jada Kiara Tia Shania Nevaeh Kaliyah Zuri Amara Destiny Jasmine Kayla Tiana Serena Kemora`),
		family:      n(`Campbell Williams Brown Grant Francis Thomas Johnson Robinson Clarke Reid Gordon Henry Morgan Spencer Powell Bailey Lewis Walker Blake Samuels Barrett Richards Stewart Wright Forbes McKenzie Edwards Anderson Bennett Salmon`),
		adultLang:   ws("ENG:0.94 CCE:0.06"), childEnglish: 0.8,
		religion: ws("CHR:0.65 NON:0.2 OTH:0.05 NOT:0.1"),
	},
	{
		key: "blackother", ethnicity: "BOTH", weight: 0.55, kids: 1.7, lone: 0.45, step: 0.08, keepsName: 0.4,
		male:        n(`Marcus Jerome Andre Tyrone Darnell Curtis Aaron Jordan Kieran Nathan Reece Elliot`),
		female:      n(`Shanice Jasmine Chantelle Tanya Kerry-Ann Nicole Jade Leanne Tiffany Aimee`),
		childMale:   n(`Kyrie Malachi Elijah Josiah Reuben Kairo Amari Zion Micah Jayden Levi Kai`),
		childFemale: n(`Aaliyah Amani Nia Imani Zuri Amara Destiny Kiara Skye Jada Eden Naomi`),
		family:      n(`Johnson Williams Campbell Thomas Francis Grant Charles Joseph Daley Morris Lewis Peters Allen Simpson`),
		adultLang:   ws("ENG:1"),
		religion:    ws("CHR:0.6 NON:0.3 NOT:0.1"),
	},
	{
		key: "nigerian", ethnicity: "BAFR", weight: 0.85, kids: 2.2, lone: 0.2, multigen: 0.04,
		male:        n(`Chinedu Emeka Oluwaseun Tunde Adebayo Femi Segun Chukwuemeka Obinna Ifeanyi Kelechi David Samuel Daniel Babajide Olumide`),
		female:      n(`Chiamaka Ngozi Adaeze Folake Funmilayo Yetunde Bisola Temitope Oluwakemi Blessing Precious Favour Ifeoma Chioma Omolara`),
		childMale:   n(`Tobi Tomiwa Ayomide Joshua David Daniel Samuel Jayden Emmanuel Toluwani Chidera Somto Oluwatobi Ethan Nathan`),
		childFemale: n(`Ayomide Deborah Esther Favour Precious Temiloluwa Chidinma Adaeze Tiwatope Oluwadamilola Zara Amara Grace Victoria`),
		family:      n(`Okafor Okonkwo Adeyemi Adebayo Olawale Eze Nwosu Ogunleye Balogun Oyelaran Afolabi Chukwu Onyeka Obi Adewale Akinola Babatunde Ibekwe Nnamdi Okoro Oyinlola Adeleke`),
		adultLang:   ws("YOR:0.36 IGB:0.28 EDO:0.08 ENG:0.28"), childEnglish: 0.6,
		religion: ws("CHR:0.85 MUS:0.1 NOT:0.05"),
	},
	{
		key: "ghanaian", ethnicity: "BAFR", weight: 0.33, kids: 2.1, lone: 0.2,
		male:      n(`Kwame Kofi Kwabena Yaw Kwaku Kojo Kweku Emmanuel Nana Kwesi Ebenezer Prince`),
		female:    n(`Ama Akua Abena Adwoa Efua Esi Afia Akosua Gifty Comfort Abigail Mercy`),
		family:    n(`Mensah Boateng Asante Owusu Osei Agyeman Appiah Ofori Acheampong Darko Amoah Antwi Quaye Addo`),
		adultLang: ws("AKA:0.6 EWE:0.12 GAA:0.12 ENG:0.16"), childEnglish: 0.5,
		religion: ws("CHR:0.85 MUS:0.1 NOT:0.05"),
	},
	{
		key: "zimbabwean", ethnicity: "BAFR", weight: 0.55, kids: 2.0, lone: 0.3,
		male:      n(`Tendai Tatenda Farai Tafadzwa Takudzwa Blessing Simba Tinashe Kudakwashe Nyasha Tawanda Munashe`),
		female:    n(`Rutendo Chipo Nyasha Ruvimbo Tariro Vimbai Fadzai Tsitsi Rudo Chiedza Memory Shamiso`),
		family:    n(`Moyo Ncube Dube Sibanda Mpofu Chikwanha Mutasa Nyathi Chirwa Maphosa Mhlanga Gumbo Zhou Marufu Chiweshe`),
		adultLang: ws("SHO:0.65 NDB:0.15 ENG:0.2"), childEnglish: 0.6,
		religion: ws("CHR:0.9 NON:0.05 NOT:0.05"),
	},
	{
		key: "somali", ethnicity: "BAFR", weight: 0.35, kids: 3.2, lone: 0.3, multigen: 0.05,
		male:      n(`Abdi Mohamed Ahmed Abdullahi Hassan Yusuf Ismail Mahad Abdirahman Liban Omar Hamza Zakariye Abdiqani`),
		female:    n(`Hodan Amina Fartun Halima Sahra Hawa Ifrah Nasra Ayaan Deqa Sagal Hibaaq Ikran Faadumo`),
		family:    n(`Mohamed Ahmed Hassan Ali Abdi Farah Warsame Jama Omar Osman Aden Yusuf Hersi Egal Duale Nur`),
		adultLang: ws("SOM:0.93 ARA:0.03 ENG:0.04"), childEnglish: 0.25,
		religion: relMuslim,
	},
	{
		key: "eritrean", ethnicity: "BAFR", weight: 0.3, kids: 2.2, lone: 0.35,
		male:      n(`Tesfay Dawit Yonas Samuel Filmon Robel Merhawi Biniam Kidane Habtom Natnael`),
		female:    n(`Helen Selam Senait Luwam Eden Ruth Mebrat Saba Rahel Yordanos Feven`),
		family:    n(`Tesfamariam Ghebremedhin Haile Tekle Berhane Woldu Ghebreyesus Kidane Mehari Asmerom`),
		adultLang: ws("TGR:0.9 AMR:0.05 ARA:0.05"), childEnglish: 0.15,
		religion: ws("CHR:0.75 MUS:0.25"),
	},
	{
		key: "ethiopian", ethnicity: "BAFR", weight: 0.12, kids: 2.1, lone: 0.25,
		male:      n(`Abebe Dawit Yohannes Solomon Getachew Tewodros Biruk Nahom Abdi`),
		female:    n(`Meseret Tigist Hiwot Selamawit Bethlehem Almaz Eyerusalem Meron Chaltu`),
		family:    n(`Bekele Tadesse Alemu Girma Haile Mekonnen Kebede Abebe Tesfaye Wolde`),
		adultLang: ws("AMR:0.7 ORM:0.25 TGR:0.05"), childEnglish: 0.2,
		religion: ws("CHR:0.7 MUS:0.3"),
	},
	{
		key: "sudanese", ethnicity: "BAFR", weight: 0.2, kids: 2.6, lone: 0.2,
		male:      n(`Mohamed Ahmed Osman Abdelrahman Mustafa Elfatih Hamid Musab Mujahid Khalid Mohanad`),
		female:    n(`Fatima Amna Sara Hiba Rayan Safa Maab Alaa Tasneem Wafa Reem`),
		family:    n(`Osman Abdalla Elhassan Ibrahim Mohamed Elamin Babiker Musa Adam Ismail Elsayed`),
		adultLang: ws("ARA:1"), childEnglish: 0.15,
		religion: relMuslim,
	},
	{
		key: "southsudanese", ethnicity: "BAFR", weight: 0.1, kids: 2.8, lone: 0.35,
		male:      n(`Deng Garang Majok Akol Chol Kuol Mabior Gatluak Machar`),
		female:    n(`Nyandeng Achol Ayen Abuk Nyakuoth Adut Nyabol Akuol`),
		family:    n(`Deng Garang Majok Akol Chol Malual Ajak Kuol Gatkuoth Lual`),
		adultLang: ws("DIN:0.6 NUE:0.3 ARA:0.1"), childEnglish: 0.2,
		religion: ws("CHR:0.9 NOT:0.1"),
	},
	{
		key: "congolese", ethnicity: "BAFR", weight: 0.22, kids: 2.7, lone: 0.3,
		male:      n(`Jean Patrick Christian Didier Serge Glodi Junior Blaise Exaucé Trésor Cédric`),
		female:    n(`Grace Esther Nadège Merveille Divine Sarah Chantal Plamedie Bénédicte Gloire Rachel`),
		family:    n(`Mbala Kabongo Tshibangu Ilunga Mukendi Kalala Lukusa Mbuyi Nsimba Kasongo Mputu Nzuzi Makiese`),
		adultLang: ws("LIN:0.5 FRN:0.25 SWA:0.1 KON:0.1 KIN:0.05"), childEnglish: 0.2,
		religion: ws("CHR:0.95 NOT:0.05"),
	},
	{
		key: "eastafrican", ethnicity: "BAFR", weight: 0.25, kids: 2.1, lone: 0.25,
		male:      n(`Brian Kevin Dennis Collins Evans Joseph Mwangi Otieno Kiprono Moses Ivan Innocent Emmanuel Eric Jean-Claude`),
		female:    n(`Faith Mercy Esther Joy Winnie Sharon Purity Wanjiru Akinyi Agnes Irene Claudine Aline`),
		family:    n(`Mwangi Otieno Kamau Ochieng Njoroge Kiprop Mugisha Nsubuga Okello Nshimiyimana Uwimana Niyonzima Kimani Odhiambo`),
		adultLang: ws("SWA:0.35 GKY:0.15 LUO:0.15 LGA:0.15 KIN:0.12 ENG:0.08"), childEnglish: 0.4,
		religion: ws("CHR:0.85 MUS:0.1 NOT:0.05"),
	},
	{
		key: "westafrican", ethnicity: "BAFR", weight: 0.22, kids: 2.5, lone: 0.2,
		male:      n(`Mamadou Ousmane Ibrahima Lamin Alieu Abdoulie Momodou Foday Sheku Alhaji Modou`),
		female:    n(`Fatou Mariama Aminata Isatou Binta Haddy Awa Kadiatu Hawa Fatmata Jainaba`),
		family:    n(`Jallow Bah Ceesay Sowe Diallo Conteh Kamara Sesay Bangura Touray Njie Drammeh`),
		adultLang: ws("WOL:0.3 KRI:0.3 TEM:0.12 FRN:0.1 ENG:0.18"), childEnglish: 0.4,
		religion: ws("MUS:0.85 CHR:0.15"),
	},
	{
		key: "southernafrican", ethnicity: "BAFR", weight: 0.18, kids: 1.9, lone: 0.25,
		male:      n(`Sipho Thabo Themba Lungile Bongani Mandla Chikondi Mphatso Kagiso Tumelo Mwape`),
		female:    n(`Nomvula Thandiwe Lerato Naledi Zanele Chimwemwe Thandeka Palesa Boitumelo Chileshe`),
		family:    n(`Nkosi Dlamini Khumalo Mokoena Ndlovu Banda Phiri Mwale Molefe Mahlangu Chirwa Mulenga`),
		adultLang: ws("ZUL:0.3 CWA:0.3 BEM:0.2 ENG:0.2"), childEnglish: 0.5,
		religion: ws("CHR:0.9 NON:0.05 NOT:0.05"),
	},
	{
		key: "chinese", ethnicity: "CHNE", weight: 0.5, kids: 1.6, lone: 0.08, multigen: 0.08,
		male:      n(`Wei Jun Hao Jian Ming Lei Tao Yang Kai Ka-Ho Chi-Wai Ethan Ryan Jason Kevin`),
		female:    n(`Mei Ling Xin Yan Hui Jing Yu Lin Fang Wing-Yan Emily Grace Jenny Cindy Amy`),
		family:    n(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Chan Wong Cheung Lam Lau Ho Leung Ng Tang Yip`),
		adultLang: ws("CHIC:0.5 CHIM:0.35 CHI:0.1 ENG:0.05"), childEnglish: 0.35,
		religion: relEastAsia,
	},
	{
		key: "kurdish", ethnicity: "OOTH", weight: 0.35, kids: 2.5, lone: 0.12, multigen: 0.08,
		male:      n(`Azad Karwan Rebin Hawre Dilshad Shvan Aram Kawa Saman Hemin Baran Rekan`),
		female:    n(`Nazdar Hana Shilan Rojin Berivan Evin Avin Rozhin Dilan Zhiyan Shirin`),
		family:    n(`Ahmed Karim Rasul Aziz Mahmud Salih Hamad Qadir Mustafa Othman Abdullah Hasan`),
		adultLang: ws("KURS:0.5 KURM:0.3 KUR:0.15 ARA:0.05"), childEnglish: 0.2,
		religion: ws("MUS:0.88 OTH:0.07 NON:0.05"),
	},
	{
		key: "arab", ethnicity: "OOTH", weight: 0.6, kids: 2.6, lone: 0.12, multigen: 0.06,
		male:      n(`Omar Khaled Ahmad Mahmoud Yousef Ali Hussein Karim Tariq Ziad Adam Sami Rami Anas Fadi`),
		female:    n(`Layla Rania Huda Dalia Nour Yasmin Reem Lina Salma Hala Mariam Jana Sara Aya Ruba`),
		family:    n(`Al-Hassan Haddad Khalil Nasser Saleh Mansour Hamdan Saeed Darwish Al-Ali Abboud Youssef Qasim Hamoud Al-Saadi Al-Jabouri Kassab`),
		adultLang: ws("ARA:0.92 ENG:0.08"), childEnglish: 0.2,
		religion: ws("MUS:0.88 CHR:0.1 NOT:0.02"),
	},
	{
		key: "iranian", ethnicity: "OOTH", weight: 0.25, kids: 1.8, lone: 0.1,
		male:      n(`Reza Ali Mehdi Amir Hossein Arash Babak Dariush Kian Navid Parsa`),
		female:    n(`Maryam Zahra Fatemeh Shirin Parisa Niloufar Sara Leila Yasaman Roya`),
		family:    n(`Hosseini Mohammadi Rezaei Ahmadi Karimi Moradi Jafari Rahimi Sadeghi Tehrani Ghorbani`),
		adultLang: ws("PRS:0.9 KURS:0.05 ARA:0.05"), childEnglish: 0.3,
		religion: ws("MUS:0.7 NON:0.18 CHR:0.1 OTH:0.02"),
	},
	{
		key: "latinamerican", ethnicity: "OOTH", weight: 0.18, kids: 1.8, lone: 0.15,
		male:      n(`Carlos Juan Luis Andrés Diego Santiago Mateo Gabriel Felipe Miguel Thiago`),
		female:    n(`María Camila Valentina Daniela Sofía Isabella Gabriela Natalia Carolina Fernanda Larissa`),
		family:    n(`González Rodríguez Martínez López Hernández Pérez Ramírez Torres Silva Oliveira Souza Gomes`),
		adultLang: ws("SPA:0.6 PORB:0.35 ENG:0.05"), childEnglish: 0.35,
		religion: ws("CHR:0.85 NON:0.15"),
	},
}

// A mix is a household whose children are of mixed heritage: one parent from
// origin a, the other from one of b.
type mix struct {
	ethnicity string
	weight    float64 // relative share of households, on the same scale as origins
	a         string
	b         []string
	lone      float64
}

var mixes = []mix{
	{"MWBC", 4.1, "british", []string{"caribbean", "caribbean", "caribbean", "blackother"}, 0.5},
	{"MWBA", 1.1, "british", []string{"nigerian", "ghanaian", "zimbabwean", "eastafrican", "southernafrican", "somali"}, 0.4},
	{"MWAS", 1.5, "british", []string{"sikh", "sikh", "pakistani", "indian", "gujarati", "bangladeshi", "chinese", "filipino"}, 0.3},
	{"MOTH", 1.3, "british", []string{"arab", "arab", "latinamerican", "iranian", "kurdish", "turkish", "southeastasian", "eastasian"}, 0.3},
}
